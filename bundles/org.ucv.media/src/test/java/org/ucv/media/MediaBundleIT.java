package org.ucv.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/** Checks the packaged bundle (runs after package): what it exports, and that the natives are inside. */
class MediaBundleIT {
    private static final String PLATFORM = System.getProperty("javacpp.platform");
    private static final Path BUNDLE = Path.of(System.getProperty("media.bundle"));

    /** @return the header's clauses without their attributes and directives */
    private static List<String> packages(String header) {
        String withoutQuoted = header.replaceAll("\"[^\"]*\"", "");
        return Arrays.stream(withoutQuoted.split(",")).map(c -> c.split(";")[0].strip()).toList();
    }

    @Test
    void exportsTheBytedecoApiOnceAndNoNativeFolders() throws IOException {
        try (JarFile jar = new JarFile(BUNDLE.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            List<String> exports = packages(main.getValue("Export-Package"));
            for (String expected : List.of("org.bytedeco.javacpp", "org.bytedeco.javacpp.indexer", "org.bytedeco.ffmpeg.global",
                    "org.bytedeco.ffmpeg.avcodec", "org.bytedeco.ffmpeg.avutil", "org.bytedeco.ffmpeg.swscale",
                    "org.bytedeco.ffmpeg.avformat", "org.bytedeco.javacv")) {
                assertTrue(exports.contains(expected), expected + " exported: " + exports);
            }
            assertEquals(exports.size(), exports.stream().distinct().count(), "each package exported once: " + exports);
            assertFalse(exports.stream().anyMatch(p -> p.endsWith(PLATFORM)), "native folders are not packages");
            assertTrue(main.getValue("Import-Package").contains("resolution:=optional"));
            assertEquals(".,lib/javacpp.jar,lib/javacpp-" + PLATFORM + ".jar,lib/ffmpeg.jar,lib/ffmpeg-" + PLATFORM
                    + ".jar,lib/javacv.jar", main.getValue("Bundle-ClassPath"));
        }
    }

    @Test
    void containsTheNativeLibraries() throws IOException {
        try (JarFile jar = new JarFile(BUNDLE.toFile())) {
            ZipEntry natives = jar.getEntry("lib/ffmpeg-" + PLATFORM + ".jar");
            assertNotNull(natives);
            List<String> names = new java.util.ArrayList<>();
            try (InputStream in = jar.getInputStream(natives); JarInputStream nested = new JarInputStream(in)) {
                for (ZipEntry e = nested.getNextEntry(); e != null; e = nested.getNextEntry()) {
                    names.add(e.getName());
                }
            }
            String folder = "org/bytedeco/ffmpeg/" + PLATFORM + "/";
            for (String library : List.of("avcodec", "avutil", "swscale", "jniavcodec", "jniswscale")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(folder) && n.contains("lib" + library + ".")),
                        library + " in " + names);
            }
            assertNotNull(jar.getEntry("lib/javacpp-" + PLATFORM + ".jar"));
        }
    }
}
