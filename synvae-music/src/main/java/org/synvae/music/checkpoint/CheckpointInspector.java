package org.synvae.music.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Human-readable summaries of checkpoints, for {@code synvae music inspect-checkpoint}. */
public final class CheckpointInspector {
    private CheckpointInspector() {
    }

    /**
     * A table of every variable with its dtype, shape and size in bytes, in index order, and a
     * total line; reads only the index, no tensor data.
     */
    public static String describe(TfCheckpoint checkpoint) {
        List<String[]> rows = new ArrayList<>();
        long total = 0;
        for (String name : checkpoint.names()) {
            TensorInfo info = checkpoint.info(name);
            rows.add(new String[] {Messages.oneLine(name), info.dtype(), Messages.shape(info.shape()),
                String.format(Locale.ROOT, "%,d", info.size())});
            total += info.size();
        }
        return table(rows, total, checkpoint.shardCount(), "data file");
    }

    /**
     * The same table for a magenta.js checkpoint (directory or manifest): a quantized weight's dtype
     * reads e.g. {@code float32<-uint8}, and bytes are what it takes in the shards. Reads only the
     * manifest.
     */
    public static String describeMagentaJs(java.nio.file.Path dirOrManifest) {
        List<String[]> rows = new ArrayList<>();
        long total = 0;
        for (MagentaJsCheckpoint.Weight w : MagentaJsCheckpoint.list(dirOrManifest)) {
            String dtype = w.quantization() == null ? w.dtype() : w.dtype() + "<-" + w.quantization();
            rows.add(new String[] {Messages.oneLine(w.name()), dtype, Messages.shape(w.shape()),
                String.format(Locale.ROOT, "%,d", w.bytes())});
            total += w.bytes();
        }
        return table(rows, total, MagentaJsCheckpoint.shardCount(dirOrManifest), "shard file");
    }

    private static String table(List<String[]> variables, long total, int files, String fileKind) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "dtype", "shape", "bytes"});
        rows.addAll(variables);
        int[] width = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < 4; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %"
                    + width[3] + "s", (Object[]) row).stripTrailing()).append('\n');
        }
        int count = variables.size();
        sb.append(String.format(Locale.ROOT, "%d variable%s, %,d bytes in %d %s%s\n", count, count == 1 ? "" : "s",
                total, files, fileKind, files == 1 ? "" : "s"));
        return sb.toString();
    }
}
