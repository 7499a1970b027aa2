package dev.flowdeck.app.cli;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;

/**
 * The heap in use right after the last garbage collection (young or full), from the JVM's GC notifications: what
 * a leak makes grow, unlike the heap in use at a random moment.
 */
final class HeapAfterGc {
    private volatile long bytes = -1;

    private HeapAfterGc() {
    }

    static HeapAfterGc install() {
        HeapAfterGc h = new HeapAfterGc();
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(p -> heapPools.add(p.getName()));
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        h.bytes = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                    }
                }, null, null);
            }
        }
        return h;
    }

    /** Megabytes after the last collection; before the first one, the heap in use now. */
    double lastMb() {
        long b = bytes >= 0 ? bytes : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return Math.round(b / 1e5) / 10.0;
    }
}
