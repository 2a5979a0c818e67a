package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.synvae.music.checkpoint.CheckpointInspector;
import org.synvae.music.checkpoint.TfCheckpointReader;

/**
 * {@code synvae music inspect-checkpoint P}: names, dtypes, shapes and sizes of a TensorFlow
 * checkpoint or a magenta.js checkpoint directory.
 */
final class MusicInspectCommand implements Command, Main.PositionalArguments {

    @Override
    public String name() {
        return "music inspect-checkpoint";
    }

    @Override
    public String summary() {
        return "list the variables of a TensorFlow or magenta.js checkpoint";
    }

    @Override
    public String usage() {
        return "CHECKPOINT (TensorFlow prefix, .index file or directory; magenta.js directory or weights_manifest.json)";
    }

    @Override
    public Options options() {
        return new Options();
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        if (cmd.getArgList().size() != 1) {
            throw new UsageException("give exactly one checkpoint (TensorFlow prefix, .index file or directory, or a magenta.js directory)");
        }
        Path checkpoint = Path.of(cmd.getArgList().get(0));
        java.util.Optional<Path> manifest = org.synvae.music.checkpoint.MagentaJsCheckpoint.manifestOf(checkpoint);
        out.print(manifest.isPresent() ? CheckpointInspector.describeMagentaJs(manifest.get())
                : CheckpointInspector.describe(TfCheckpointReader.read(checkpoint)));
        return 0;
    }
}
