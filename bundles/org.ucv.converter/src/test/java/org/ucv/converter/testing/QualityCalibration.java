package org.ucv.converter.testing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.ucv.api.convert.ConversionException;
import org.ucv.api.stream.Quality;
import org.ucv.converter.internal.JpegEncoder;

/**
 * Finds, for a libjpeg quality, the FFmpeg mjpeg qscale whose output matches it best.
 *
 * <p>Reference: Java ImageIO's JPEG writer, which scales the standard (Annex K) tables exactly as
 * libjpeg's {@code jpeg_set_quality} does, 4:2:0, with optimized Huffman tables (FFmpeg's mjpeg
 * default too, so sizes compare the quantization alone). Both outputs are decoded by ImageIO and
 * compared with the source picture (PSNR of the luma). The distance between an FFmpeg output and
 * the reference is |ΔPSNR| in dB plus 8.7·|ln(size ratio)|: at JPEG rates one doubling of size
 * buys about 6 dB, so 8.7 (= 6 / ln 2) weighs a size mismatch like the quality it would buy.
 * Distances are averaged over the calibration pictures.
 *
 * <p>Run {@code main} to print the full table (docs/converter.md holds a copy).
 */
public final class QualityCalibration {
    private static final double DB_PER_LN_SIZE = 6 / Math.log(2);

    /** One encoding of one picture. */
    public record Sample(int bytes, double psnr) {
    }

    private final List<BufferedImage> pictures;

    public QualityCalibration(List<BufferedImage> pictures) {
        this.pictures = pictures;
    }

    /** The calibration set: two synthetic 640x360 pictures with camera-like content and noise. */
    public static QualityCalibration standard() {
        return new QualityCalibration(List.of(scene(640, 360, 1), scene(640, 360, 2)));
    }

    /**
     * A seeded camera-like scene: smooth gradients (sky, walls), hard edges, fine lines, and
     * sensor noise, which is what makes camera pictures expensive to encode.
     */
    public static BufferedImage scene(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 210), 0, height / 2f, new Color(200, 220, 240)));
        g.fillRect(0, 0, width, height / 2);
        g.setPaint(new GradientPaint(0, height / 2f, new Color(80, 90, 60), width, height, new Color(150, 140, 110)));
        g.fillRect(0, height / 2, width, height / 2);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            int w = 10 + random.nextInt(width / 5);
            int h = 10 + random.nextInt(height / 5);
            if (random.nextBoolean()) {
                g.fillRect(x, y, w, h);
            } else {
                g.setStroke(new BasicStroke(1 + random.nextInt(4)));
                g.drawOval(x, y, w, h);
            }
        }
        // fine detail (fences, blinds, lettering) without depending on the fonts a machine has
        g.setStroke(new BasicStroke(1));
        for (int i = 0; i < 12; i++) {
            g.setColor(random.nextBoolean() ? Color.WHITE : Color.BLACK);
            int x = random.nextInt(width - 120);
            int y = random.nextInt(height - 20);
            for (int k = 0; k < 30; k++) {
                g.drawLine(x + 4 * k, y, x + 4 * k + random.nextInt(3), y + 8 + random.nextInt(10));
            }
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int noise = (int) Math.round(random.nextGaussian() * 3);
                image.setRGB(x, y, clamp((rgb >> 16 & 0xff) + noise) << 16 | clamp((rgb >> 8 & 0xff) + noise) << 8
                        | clamp((rgb & 0xff) + noise));
            }
        }
        return image;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    public static byte[] libjpeg(BufferedImage image, int quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            JPEGImageWriteParam param = new JPEGImageWriteParam(Locale.ROOT);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            param.setOptimizeHuffmanTables(true);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] ffmpeg(BufferedImage image, int qscale) throws ConversionException {
        try (TestFrames frame = TestFrames.rgb(image); JpegEncoder encoder = new JpegEncoder(qscale, 0)) {
            return encoder.encode(frame.picture()).data();
        }
    }

    public static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new IllegalArgumentException("ImageIO cannot read the JPEG");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the PSNR of the luma (BT.601), where quantization shows; chroma error is mostly subsampling */
    public static double psnr(BufferedImage source, BufferedImage decoded) {
        double sum = 0;
        int w = source.getWidth();
        int h = source.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = luma(source.getRGB(x, y)) - luma(decoded.getRGB(x, y));
                sum += d * d;
            }
        }
        double mse = sum / ((double) w * h);
        return 10 * Math.log10(255 * 255 / mse);
    }

    private static double luma(int rgb) {
        return 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
    }

    private Sample sample(BufferedImage picture, byte[] jpeg) {
        return new Sample(jpeg.length, psnr(picture, decode(jpeg)));
    }

    /** @return the reference per picture */
    public List<Sample> libjpeg(int quality) {
        List<Sample> samples = new ArrayList<>();
        for (BufferedImage picture : pictures) {
            samples.add(sample(picture, libjpeg(picture, quality)));
        }
        return samples;
    }

    /** @return FFmpeg's output per picture */
    public List<Sample> ffmpeg(int qscale) throws ConversionException {
        List<Sample> samples = new ArrayList<>();
        for (BufferedImage picture : pictures) {
            samples.add(sample(picture, ffmpeg(picture, qscale)));
        }
        return samples;
    }

    /** @return the mean distance (see the class comment) between FFmpeg's samples and libjpeg's */
    public static double distance(List<Sample> ffmpeg, List<Sample> libjpeg) {
        double total = 0;
        for (int i = 0; i < ffmpeg.size(); i++) {
            Sample f = ffmpeg.get(i);
            Sample l = libjpeg.get(i);
            total += Math.abs(f.psnr() - l.psnr()) + DB_PER_LN_SIZE * Math.abs(Math.log((double) f.bytes() / l.bytes()));
        }
        return total / ffmpeg.size();
    }

    /** @return FFmpeg's samples for every qscale, index 0 = qscale 1 */
    public List<List<Sample>> ffmpegAll() throws ConversionException {
        List<List<Sample>> all = new ArrayList<>();
        for (int q = 1; q <= 31; q++) {
            all.add(ffmpeg(q));
        }
        return all;
    }

    /** @return the qscale (1..31) whose samples are closest to the reference */
    public static int best(List<Sample> reference, List<List<Sample>> ffmpegAll) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int q = 1; q <= ffmpegAll.size(); q++) {
            double d = distance(ffmpegAll.get(q - 1), reference);
            if (d < bestDistance) {
                bestDistance = d;
                best = q;
            }
        }
        return best;
    }

    private static double meanPsnr(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::psnr).average().orElseThrow();
    }

    private static double meanBytes(List<Sample> samples) {
        return samples.stream().mapToInt(Sample::bytes).average().orElseThrow();
    }

    /** Prints the measurement as Markdown tables. */
    public static void main(String[] args) throws ConversionException {
        QualityCalibration calibration = standard();
        System.out.println("| reference | bytes (mean) | Y-PSNR dB (mean) |");
        System.out.println("|---|---:|---:|");
        List<List<Sample>> references = new ArrayList<>();
        for (Quality preset : List.of(Quality.LOW, Quality.MEDIUM, Quality.HIGH)) {
            List<Sample> reference = calibration.libjpeg(preset.jpegQuality());
            references.add(reference);
            System.out.printf(Locale.ROOT, "| libjpeg q%d (%s) | %.0f | %.2f |%n", preset.jpegQuality(),
                    preset.wire(), meanBytes(reference), meanPsnr(reference));
        }
        System.out.println();
        System.out.println("| FFmpeg qscale | bytes (mean) | Y-PSNR dB (mean) | distance to q60 | to q80 | to q95 |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        List<List<Sample>> all = calibration.ffmpegAll();
        for (int q = 1; q <= all.size(); q++) {
            List<Sample> samples = all.get(q - 1);
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %.2f | %.2f |%n", q, meanBytes(samples),
                    meanPsnr(samples), distance(samples, references.get(0)), distance(samples, references.get(1)),
                    distance(samples, references.get(2)));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "closest: low %d, medium %d, high %d%n", best(references.get(0), all),
                best(references.get(1), all), best(references.get(2), all));
    }
}
