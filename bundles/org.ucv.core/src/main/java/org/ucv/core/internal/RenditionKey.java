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
    static RenditionKey of(ViewerRequest request) {
        return new RenditionKey(request.quality(), effective(request).maxWidth(), request.format());
    }

    /**
     * @return the request as it is served: its width snapped, and 0 (the source's full width) for
     *         {@link Quality#SOURCE} whatever width was asked, so the viewer is told the width it gets
     */
    static ViewerRequest effective(ViewerRequest request) {
        int width = request.quality() == Quality.SOURCE ? 0 : ViewerRequest.snapWidth(request.maxWidth());
        return width == request.maxWidth() ? request
                : new ViewerRequest(request.quality(), request.fps(), request.format(), width);
    }
}
