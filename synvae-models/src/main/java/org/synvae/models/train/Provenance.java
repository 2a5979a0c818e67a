package org.synvae.models.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.AtomicFiles;

/**
 * How an experiment was made: the command and all its arguments (enough to run it again), the seed,
 * the data it saw, library and platform versions and the code's git commit. Written as
 * {@code provenance.json} in every experiment directory; resuming and evaluation read their
 * settings from it instead of asking again.
 *
 * @param command     the CLI command (e.g. {@code vis-train})
 * @param arguments   every option's value, as strings
 * @param seed        the run's seed
 * @param data        facts about the data: source, split sizes, classes
 * @param environment versions: synvae, Java, ND4J backend, OS
 * @param gitCommit   the commit of the code that ran, with "-dirty" if the tree had changes
 * @param created     when the experiment started (ISO-8601)
 */
public record Provenance(String command, Map<String, String> arguments, long seed, Map<String, Object> data,
                         Map<String, String> environment, String gitCommit, String created) {

    /** The file name inside an experiment directory. */
    public static final String FILE = "provenance.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Provenance {
        arguments = Map.copyOf(new TreeMap<>(arguments));
        data = data == null ? Map.of() : new LinkedHashMap<>(data);
        environment = Map.copyOf(environment);
    }

    /** A provenance for a run starting now, with this process's environment and git commit. */
    public static Provenance now(String command, Map<String, String> arguments, long seed, Map<String, Object> data) {
        return new Provenance(command, arguments, seed, data, currentEnvironment(), currentGitCommit(), Instant.now().toString());
    }

    /** The value of an argument, or {@code null}. */
    public String argument(String name) {
        return arguments.get(name);
    }

    /** Writes {@code dir/provenance.json} atomically. */
    public void write(Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(FILE), JSON.writeValueAsBytes(sortedView()));
    }

    /** Reads {@code dir/provenance.json}. */
    public static Provenance read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw InvalidDataException.of(file, "no such file (is " + dir + " an experiment directory?)");
        }
        try {
            return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Provenance.class);
        } catch (IOException e) {
            throw InvalidDataException.of(file, "not a valid provenance file (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
    }

    private Map<String, Object> sortedView() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("arguments", new TreeMap<>(arguments));
        m.put("seed", seed);
        m.put("data", data);
        m.put("environment", new TreeMap<>(environment));
        m.put("gitCommit", gitCommit);
        m.put("created", created);
        return m;
    }

    /** Versions of what ran: synvae, Java, ND4J and its backend, the OS. */
    public static Map<String, String> currentEnvironment() {
        Map<String, String> env = new TreeMap<>();
        env.put("synvae", String.valueOf(Provenance.class.getPackage().getImplementationVersion()));
        env.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("nd4j", String.valueOf(org.nd4j.linalg.factory.Nd4j.class.getPackage().getImplementationVersion()));
        try {
            env.put("nd4jBackend", org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
        } catch (RuntimeException e) {
            env.put("nd4jBackend", "unavailable");
        }
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return env;
    }

    /**
     * The git commit of the working directory's repository ("-dirty" if it has uncommitted
     * changes), or "unknown" where there is no git or no repository.
     */
    public static String currentGitCommit() {
        String head = git("rev-parse", "HEAD");
        if (head == null || head.isBlank()) {
            return "unknown";
        }
        String status = git("status", "--porcelain", "--untracked-files=no");
        return head.trim() + (status != null && !status.isBlank() ? "-dirty" : "");
    }

    private static String git(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
