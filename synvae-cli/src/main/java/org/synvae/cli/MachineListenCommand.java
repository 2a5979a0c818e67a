package org.synvae.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.synvae.eval.listening.Answer;
import org.synvae.eval.listening.AnswersFile;
import org.synvae.eval.listening.MachineListener;
import org.synvae.eval.listening.TaskSet;
import org.synvae.music.model.MusicVae;

/**
 * {@code synvae machine-listen}: answers a listening test from the melodies alone (MusicVAE encoder
 * means, nearest class mean of the examples) and reports its accuracy beside the paper's listeners.
 */
final class MachineListenCommand implements Command {

    @Override
    public String name() {
        return "machine-listen";
    }

    @Override
    public String summary() {
        return "answer a listening test from the melodies alone (MusicVAE encoder, nearest class mean)";
    }

    @Override
    public String usage() {
        return "--tasks eval.json --config C --checkpoint P [--answers FILE] [--json OUT.json]";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("tasks").hasArg().argName("JSON").desc("task set from synvae evalgen (with ID_audio.mid files)").build());
        MusicModelOptions.addModel(o);
        o.addOption(Option.builder().longOpt("answers").hasArg().argName("FILE")
                .desc("also append the machine's answers (listener 'machine') to this JSON-lines file").build());
        o.addOption(Option.builder().longOpt("json").hasArg().argName("FILE").desc("also write the report as JSON").build());
        return o;
    }

    @Override
    public int run(CommandLine cmd, PrintStream out) throws Exception {
        Args args = new Args(cmd);
        Path tasksFile = Path.of(args.required("tasks"));
        // Both outputs are checked before the work, so neither can fail after the report was printed.
        Path json = args.has("json") ? OutputTargets.file(args.path("json")) : null;
        Path answersOut = args.has("answers") ? OutputTargets.file(args.path("answers")) : null;
        TaskSet set = TaskSet.read(tasksFile);
        MusicVae vae = MusicModelOptions.model(args);
        List<Answer> answers = MachineListener.listen(set, set.dataDir(tasksFile), vae);
        if (answersOut != null) {
            AnswersFile file = new AnswersFile(answersOut);
            for (Answer a : answers) {
                file.append(a);
            }
        }
        out.println("machine listener (MusicVAE encoder means, nearest class mean of " + set.examplesPerClass() + " examples per class):");
        return ListenCommand.report(set, answers, json, out);
    }
}
