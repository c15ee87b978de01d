package org.ucv.api.stream;

/**
 * One encoded picture as viewers receive it. Shared by every viewer of one rendition: its bytes are
 * never to be modified.
 *
 * @param data the encoded image (a whole JPEG)
 * @param format the image format, e.g. {@code jpeg}
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param quality the rendition's quality
 * @param captureEpochMicros when the camera's packet arrived at the server (microseconds since the epoch)
 * @param encodedEpochMicros when the picture was encoded (or, for passthrough, forwarded)
 * @param sequence the rendition's running picture number
 */
public record VideoFrame(byte[] data, String format, int width, int height, Quality quality,
                         long captureEpochMicros, long encodedEpochMicros, long sequence) {
}
