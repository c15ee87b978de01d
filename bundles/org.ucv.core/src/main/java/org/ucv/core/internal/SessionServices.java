package org.ucv.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.ucv.api.convert.FrameConverter;
import org.ucv.api.spi.FactoryTable;

/**
 * What every camera session of one hub shares.
 *
 * @param converter decoders and encoders
 * @param factories the protocol plugins
 * @param timer delays only (reconnects, lingers): nothing that blocks runs on it
 * @param stopper closes sources and finishes session stops, which may block for seconds
 */
record SessionServices(FrameConverter converter, FactoryTable factories, ScheduledExecutorService timer,
                       Executor stopper) {
}
