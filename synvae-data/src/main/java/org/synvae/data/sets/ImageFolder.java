package org.synvae.data.sets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.synvae.data.ImageShape;
import org.synvae.data.InvalidDataException;

/**
 * An image folder with one sub-folder per class, as torchvision's {@code ImageFolder}:
 * {@code root/<class>/<image>}. Class names are the sub-folder names, sorted; images are the files
 * ending in .jpg, .jpeg, .png, .bmp or .gif (any case) directly in a class folder, sorted by name.
 * Hidden entries (names starting with a dot) and other files are ignored. Images are streamed from
 * disk (see {@link FileImages}).
 */
public final class ImageFolder {
    private static final Logger LOG = LogManager.getLogger(ImageFolder.class);
    /** File name extensions taken as images, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private ImageFolder() {
    }

    /**
     * Lists the images under {@code root}; decodes none of them. A class folder without images is
     * skipped with a warning (it gets no class index).
     *
     * @throws InvalidDataException naming {@code root} if it is not a directory, has no class
     *                              folders, or holds no images at all
     */
    public static FileImages load(Path root, ImageShape shape) {
        if (!Files.isDirectory(root)) {
            throw InvalidDataException.of(root, Files.exists(root) ? "not a directory (expected one sub-folder per class)"
                    : "no such directory");
        }
        List<Path> classDirs = list(root).stream().filter(Files::isDirectory).toList();
        if (classDirs.isEmpty()) {
            throw InvalidDataException.of(root, "no class folders (expected one sub-folder of images per class)");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path dir : classDirs) {
            List<Path> images = list(dir).stream().filter(ImageFolder::isImageFile).toList();
            if (images.isEmpty()) {
                LOG.warn("{}: no images in this class folder; skipped", dir);
                continue;
            }
            int label = classNames.size();
            classNames.add(dir.getFileName().toString());
            for (Path image : images) {
                files.add(image);
                labels.add(label);
            }
        }
        if (files.isEmpty()) {
            throw InvalidDataException.of(root, "no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                    + ") in any of its " + classDirs.size() + " class folders");
        }
        Path rootName = root.toAbsolutePath().normalize().getFileName();
        return new FileImages("folder:" + (rootName == null ? root : rootName), shape, files,
                labels.stream().mapToInt(Integer::intValue).toArray(), classNames);
    }

    /** Whether {@code file} is a regular, visible file with an image extension. */
    static boolean isImageFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT)) && Files.isRegularFile(file);
    }

    /** The visible entries of {@code dir}, sorted by name. */
    static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw InvalidDataException.of(dir, "cannot list directory (" + e.getMessage() + ")", e);
        }
    }
}
