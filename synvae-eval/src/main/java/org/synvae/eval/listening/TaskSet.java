package org.synvae.eval.listening;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.synvae.data.InvalidDataException;
import org.synvae.data.io.AtomicFiles;
import org.synvae.data.io.InputFiles;

/**
 * A listening test in the seed's Syneval format ({@code eval.json}): three class names, example
 * item IDs ordered by class ({@code examplesPerClass} of each, class 0 first), and tasks whose
 * {@code options} hold one item ID of each class in class order and whose {@code truth} is the
 * index of the option whose melody is played. Media lie in {@code dataPath} relative to the JSON
 * file as {@code ID_orig.png}, {@code ID_audio.wav} (and, for the machine listener, {@code ID_audio.mid}).
 *
 * @param name       shown at the top of the page
 * @param code       Syneval's authentication code (unused here, kept for the format)
 * @param dataPath   media folder relative to the JSON file
 * @param resultPath Syneval's result folder (unused here, kept for the format)
 * @param classes    class names, in option order
 * @param examples   example item IDs, class-major
 * @param tasks      the tasks
 * @param seed       the seed that generated the set (not in Syneval's format; it ignores it)
 */
@JsonPropertyOrder({"name", "code", "data_path", "result_path", "classes", "examples", "tasks", "seed"})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSet(@JsonProperty("name") String name, @JsonProperty("code") String code,
                      @JsonProperty("data_path") String dataPath, @JsonProperty("result_path") String resultPath,
                      @JsonProperty("classes") List<String> classes, @JsonProperty("examples") List<Integer> examples,
                      @JsonProperty("tasks") List<Task> tasks, @JsonProperty("seed") Long seed) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One task: play the melody of {@code options[truth]}, show the images of all options.
     *
     * @param truth   index into {@code options} of the item whose melody is played
     * @param options item IDs, one per class in class order
     */
    @JsonPropertyOrder({"truth", "options"})
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Task(@JsonProperty("truth") int truth, @JsonProperty("options") List<Integer> options) {
        public Task {
            options = List.copyOf(options);
        }

        /** The item whose melody is played. */
        public int truthId() {
            return options.get(truth);
        }
    }

    public TaskSet {
        classes = List.copyOf(classes);
        examples = List.copyOf(examples);
        tasks = List.copyOf(tasks);
    }

    /** Examples per class (the examples list is class-major and balanced). */
    public int examplesPerClass() {
        return examples.size() / classes.size();
    }

    /** The class index of example {@code i} (examples are class-major). */
    public int exampleClass(int i) {
        return i / examplesPerClass();
    }

    /** Writes the set as JSON, atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(this));
    }

    /**
     * Reads and checks a task set: every task's truth indexes its options, options count the
     * classes, and the examples are balanced over the classes.
     *
     * @throws InvalidDataException naming the file and the problem
     */
    public static TaskSet read(Path file) throws IOException {
        TaskSet set;
        try {
            set = JSON.readValue(InputFiles.readAllBytes(file), TaskSet.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw InvalidDataException.of(file, "not a task set (" + e.getOriginalMessage() + ")", e);
        }
        if (set.classes() == null || set.classes().isEmpty() || set.tasks() == null || set.examples() == null) {
            throw InvalidDataException.of(file, "a task set needs classes, examples and tasks");
        }
        int k = set.classes().size();
        if (set.examples().isEmpty() || set.examples().size() % k != 0) {
            throw InvalidDataException.of(file, set.examples().size() + " examples cannot be split evenly over " + k + " classes (at least one each)");
        }
        for (int t = 0; t < set.tasks().size(); t++) {
            Task task = set.tasks().get(t);
            if (task.options().size() != k || task.truth() < 0 || task.truth() >= k) {
                throw InvalidDataException.of(file, "task " + t + " needs " + k + " options and a truth in 0.." + (k - 1));
            }
        }
        return set;
    }

    /** The media folder of a task set read from {@code jsonFile}. */
    public Path dataDir(Path jsonFile) {
        Path parent = jsonFile.toAbsolutePath().getParent();
        return parent.resolve(dataPath == null || dataPath.isBlank() ? "data" : dataPath).normalize();
    }

    /** {@code ID_orig.png} */
    public static String imageName(int id) {
        return id + "_orig.png";
    }

    /** {@code ID_audio.wav} */
    public static String wavName(int id) {
        return id + "_audio.wav";
    }

    /** {@code ID_audio.mid} */
    public static String midiName(int id) {
        return id + "_audio.mid";
    }
}
