package io.pixelgate.platform.proof;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The texts of the notices people were shown, found by wording version, so that a receipt can
 * carry a SHA-256 of exactly what was on file: the edge's preferences-page wording
 * ({@code wording/<version>.properties} on the class path, or the edge's own wording directory) and
 * other systems' notices in {@code proof.wordings.dir} as {@code <version>.txt}. The hash is of the
 * file's bytes, so anyone can check it with {@code sha256sum}.
 */
public final class Notices {

    private static final String CLASSPATH_DIR = "wording/";
    // A version is only a file name: nothing that could climb out of the directory.
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final List<Path> textDirs;
    private final List<Path> wordingDirs;

    /**
     * @param textDirs    directories of {@code <version>.txt} notices
     * @param wordingDirs directories of the edge's {@code <version>.properties} wording; the class
     *                    path's built-in wording is looked up when none holds the version
     */
    public Notices(final List<Path> textDirs, final List<Path> wordingDirs) {
        this.textDirs = List.copyOf(textDirs);
        this.wordingDirs = List.copyOf(wordingDirs);
    }

    /** The notice on file for {@code version}, when there is one. */
    public Optional<Notice> find(final String version) {
        if (version == null || !VERSION.matcher(version).matches() || version.contains("..")) {
            return Optional.empty();
        }
        for (final Path dir : textDirs) {
            final Optional<Notice> found = file(dir.resolve(version + ".txt"), version);
            if (found.isPresent()) {
                return found;
            }
        }
        for (final Path dir : wordingDirs) {
            final Optional<Notice> found = file(dir.resolve(version + ".properties"), version);
            if (found.isPresent()) {
                return found;
            }
        }
        return builtIn(version);
    }

    private static Optional<Notice> file(final Path file, final String version) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Notice(version, sha256(Files.readAllBytes(file)), file.toAbsolutePath().toString()));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the notice " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Notice> builtIn(final String version) {
        final String resource = CLASSPATH_DIR + version + ".properties";
        try (InputStream in = Notices.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty()
                    : Optional.of(new Notice(version, sha256(in.readAllBytes()), "built-in " + resource));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the notice " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing; every Java SE has it", e);
        }
    }

    /** A notice on file: its version, the SHA-256 of its text (hex) and where it was found. */
    public record Notice(String version, String sha256, String location) {
    }
}
