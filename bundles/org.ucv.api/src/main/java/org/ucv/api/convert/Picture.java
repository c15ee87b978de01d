package org.ucv.api.convert;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A decoded picture, owned by the {@link VideoDecoder} that returned it and valid until that
 * decoder's next {@code decode} or {@code close}.
 */
@ProviderType
public interface Picture {
    int width();

    int height();
}
