package org.ucv.core.internal;

import org.ucv.api.stream.Quality;
import org.ucv.api.stream.ViewerRequest;

/**
 * What makes two viewers share one encoder: quality, snapped width and format.
 *
 * @param quality the quality preset
 * @param width the snapped max width, 0 for the source's width
 * @param format the image format
 */
record RenditionKey(Quality quality, int width, String format) {
    /** {@link Quality#SOURCE} always means the source's full size, whatever width was asked. */
    static RenditionKey of(ViewerRequest request) {
        int width = request.quality() == Quality.SOURCE ? 0 : ViewerRequest.snapWidth(request.maxWidth());
        return new RenditionKey(request.quality(), width, request.format());
    }
}
