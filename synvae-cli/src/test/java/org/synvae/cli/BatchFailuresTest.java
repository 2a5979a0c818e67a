package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.synvae.data.InvalidDataException;

class BatchFailuresTest {

    @Test
    void collectsOneLinePerBadInputAndFailsAtTheEnd() {
        BatchFailures failures = new BatchFailures(false);
        failures.finish(); // nothing bad: no exception
        failures.add(InvalidDataException.of(Path.of("a.jpg"), "not a readable image"));
        failures.add(new InvalidDataException("b.mid: corrupt\nsecond line"));
        assertThat(failures.count()).isEqualTo(2);
        assertThatThrownBy(failures::finish).isInstanceOfSatisfying(BatchFailures.Failed.class,
                f -> assertThat(f.lines()).containsExactly("a.jpg: not a readable image", "b.mid: corrupt"));
    }

    @Test
    void failFastThrowsTheFirstBadInputItself() {
        BatchFailures failures = new BatchFailures(true);
        InvalidDataException bad = InvalidDataException.of(Path.of("a.jpg"), "not a readable image");
        assertThatThrownBy(() -> failures.add(bad)).isSameAs(bad);
    }
}
