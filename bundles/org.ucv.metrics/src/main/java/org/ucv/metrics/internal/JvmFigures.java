package org.ucv.metrics.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The JVM's figures for {@code /metrics}.
 *
 * @param heapUsed heap bytes in use
 * @param heapCommitted heap bytes committed
 * @param heapMax the heap's limit in bytes, -1 when undefined
 * @param nonHeapUsed non-heap bytes in use (metaspace, code cache)
 * @param nonHeapCommitted non-heap bytes committed
 * @param threads live threads
 * @param daemonThreads live daemon threads
 * @param uptimeSeconds seconds since the JVM started
 * @param processCpuSeconds CPU seconds the process used, -1 when the JVM does not say
 */
public record JvmFigures(long heapUsed, long heapCommitted, long heapMax, long nonHeapUsed, long nonHeapCommitted,
                         int threads, int daemonThreads, double uptimeSeconds, double processCpuSeconds) {

    /** @return the figures now, from the platform MXBeans */
    public static JvmFigures read() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return new JvmFigures(heap.getUsed(), heap.getCommitted(), heap.getMax(), nonHeap.getUsed(),
                nonHeap.getCommitted(), threads.getThreadCount(), threads.getDaemonThreadCount(),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0, readProcessCpuSeconds());
    }

    /**
     * Read as a JMX attribute rather than through {@code com.sun.management}: that package is not
     * one the framework exports by default, and the attribute costs one lookup.
     */
    private static double readProcessCpuSeconds() {
        try {
            Object nanos = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuTime");
            if (nanos instanceof Long n && n >= 0) {
                return n / 1e9;
            }
        } catch (JMException | RuntimeException e) {
            // not offered by this JVM: the metric is left out
        }
        return -1;
    }
}
