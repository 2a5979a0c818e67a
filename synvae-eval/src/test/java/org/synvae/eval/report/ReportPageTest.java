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

    @Test
    void aMediaLimitTakesEveryKindAndClassInTurn(@TempDir Path dir) throws Exception {
        for (String kind : new String[] {"originals", "reconstructions"}) {
            for (String cls : new String[] {"apple", "pear"}) {
                Files.createDirectories(dir.resolve(kind).resolve(cls));
                for (int i = 0; i < 10; i++) {
                    Files.write(dir.resolve(kind).resolve(cls).resolve(i + ".png"), new byte[] {1});
                }
            }
        }
        ReportPage.Contents c = ReportPage.write(dir, dir.resolve("report.html"), 8);
        assertThat(c.images()).hasSize(8).isSorted();
        assertThat(c.totalImages()).isEqualTo(40);
        for (String folder : new String[] {"originals/apple", "originals/pear", "reconstructions/apple", "reconstructions/pear"}) {
            assertThat(c.images()).filteredOn(p -> dir.relativize(p.getParent()).toString().equals(folder)).hasSize(2);
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Images (8 of 40, taken in turn from each folder)");
    }
}
