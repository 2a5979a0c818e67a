package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.synvae.music.checkpoint.CheckpointInspector;
import org.synvae.music.checkpoint.TfCheckpointReader;

/** {@code synvae music inspect-checkpoint P}: names, dtypes, shapes and sizes of a TF checkpoint. */
final class MusicInspectCommand implements Command, Main.PositionalArguments {

    @Override
    public String name() {
        return "music inspect-checkpoint";
    }

    @Override
    public String summary() {
        return "list the variables of a TensorFlow checkpoint";
    }

    @Override
    public String usage() {
        return "CHECKPOINT";
    }

    @Override
    public Options options() {
        return new Options();
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        if (cmd.getArgList().size() != 1) {
            throw new UsageException("give exactly one checkpoint (prefix, .index file or directory)");
        }
        out.print(CheckpointInspector.describe(TfCheckpointReader.read(Path.of(cmd.getArgList().get(0)))));
        return 0;
    }
}
