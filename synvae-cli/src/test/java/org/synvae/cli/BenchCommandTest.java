package org.synvae.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The bench command's output format (not its speed: benchmarks are commands, not timed tests). */
class BenchCommandTest {

    @Test
    void printsTorchRefStyleJsonLines() throws Exception {
        CliRun r = CliRun.of("bench", "visvae", "--warmup", "0", "--reps", "1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode line = new ObjectMapper().readTree(r.out().lines().findFirst().orElseThrow());
        assertThat(line.get("name").asText()).isEqualTo("visvae_mnist_train_b256");
        assertThat(line.get("items_per_s").asDouble()).isPositive();
        assertThat(line.get("ms_per_batch").asDouble()).isPositive();
    }

    @Test
    void unknownWorkloadIsAUsageError() {
        CliRun r = CliRun.of("bench", "teleport");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown workload 'teleport'").contains("visvae");
    }
}
