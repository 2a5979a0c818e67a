package org.synvae.data.io;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.synvae.data.InvalidDataException;

/**
 * NumPy's {@code .npz} archives: a ZIP of {@code <name>.npy} entries, stored uncompressed as
 * {@code np.savez} writes them, so {@code np.load(file)[name]} reads what Java wrote and back.
 */
public final class Npz {
    private static final String SUFFIX = ".npy";

    private Npz() {
    }

    /** Writes {@code arrays} atomically; names may contain '/' (NumPy keeps them as keys). */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setMethod(ZipOutputStream.STORED);
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                byte[] bytes = Npy.toBytes(e.getValue());
                ZipEntry entry = new ZipEntry(e.getKey() + SUFFIX);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Reads every array of an archive, by name (without the {@code .npy} suffix). */
    public static Map<String, NpyArray> read(Path file) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(SUFFIX)) {
                    continue;
                }
                byte[] bytes;
                try (var in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                out.put(name.substring(0, name.length() - SUFFIX.length()),
                        Npy.parse(bytes, Path.of(file + ":" + name)));
            }
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw InvalidDataException.of(file, "no such file", e);
        } catch (ZipException e) {
            throw InvalidDataException.of(file, "not a readable .npz archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw InvalidDataException.of(file, "cannot read (" + e.getMessage() + ")", e);
        }
        return out;
    }
}
