package org.synvae.data.sets;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three attribute groups of BAM's {@code labels.npy}, each a run of columns in the seed's order:
 * content (columns 0-8), emotion (9-12) and media (13-14). A column is named
 * {@code <group>_<class>}, e.g. {@code emotion_gloomy}.
 */
public enum BamLabelGroup {
    CONTENT(0, List.of("bicycle", "bird", "building", "cars", "cat", "dog", "flower", "people", "tree")),
    EMOTION(9, List.of("gloomy", "happy", "peaceful", "scary")),
    MEDIA(13, List.of("oilpaint", "watercolor"));

    /** The group the seed trains on unless told otherwise. */
    public static final BamLabelGroup DEFAULT = EMOTION;

    private final int firstColumn;
    private final List<String> classNames;

    BamLabelGroup(int firstColumn, List<String> classNames) {
        this.firstColumn = firstColumn;
        this.classNames = classNames;
    }

    /** Index of the group's first column in {@code labels.npy}. */
    public int firstColumn() {
        return firstColumn;
    }

    /** Number of columns (classes) in the group. */
    public int columnCount() {
        return classNames.size();
    }

    /** Readable class names, e.g. {@code gloomy}, in column order. */
    public List<String> classNames() {
        return classNames;
    }

    /** Column names as the seed spells them, e.g. {@code emotion_gloomy}, in column order. */
    public List<String> columnNames() {
        String prefix = name().toLowerCase(Locale.ROOT) + "_";
        return classNames.stream().map(c -> prefix + c).toList();
    }

    /** The group's lower-case name, as {@link #fromName} accepts it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The group called {@code name}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException listing the choices when there is no such group
     */
    public static BamLabelGroup fromName(String name) {
        for (BamLabelGroup g : values()) {
            if (g.name().equalsIgnoreCase(name.strip())) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown BAM label group '" + name + "' (choices: "
                + Arrays.stream(values()).map(BamLabelGroup::toString).collect(Collectors.joining(", ")) + ")");
    }
}
