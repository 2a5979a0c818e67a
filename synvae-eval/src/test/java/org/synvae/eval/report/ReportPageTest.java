package org.synvae.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synvae.eval.listening.FakeExport;

class ReportPageTest {

    @Test
    void flattensNestedMetrics() throws Exception {
        var node = new ObjectMapper().readTree("{\"a\": {\"b\": 0.123456, \"c\": [1, 2]}, \"name\": \"x\", \"long\": ["
                + "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}");
        assertThat(ReportPage.flatten(node)).containsEntry("a.b", "0.1235").containsEntry("a.c", "[1,2]").containsEntry("name", "x")
                .containsEntry("long", "[17 values]");
    }

    @Test
    void pageLinksMetricsImagesAndAudioRelatively(@TempDir Path dir) throws Exception {
        Path export = FakeExport.write(dir.resolve("exp"), 2, 1);
        Path page = export.resolve("report.html");
        ReportPage.Contents c = ReportPage.write(export, page, 5);
        assertThat(c.metrics()).hasSize(1);
        assertThat(c.images()).hasSize(5);
        assertThat(c.audio()).hasSize(5);
        String html = Files.readString(page);
        assertThat(html).contains("precision_latent_means.overall.1").contains("0.9000")
                .contains("src='originals/one/000001.png'").contains("<audio controls preload='none' src='melodies/");
    }
}
