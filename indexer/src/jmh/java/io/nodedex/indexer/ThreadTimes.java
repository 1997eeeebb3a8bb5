package io.nodedex.indexer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * What Linux's scheduler has counted so far for each thread of this process
 * ({@code /proc/self/task/TID/schedstat}): the CPU time it ran, and the time it was ready to run
 * but waited for a core. The second is where contention shows: a thread that waits for a core is
 * slowed by the others, not by its own work. Java threads go by their Java names (the JVM's thread
 * dump gives each one's native id; the kernel keeps only 15 characters of a name), native threads,
 * such as RocksDB's background threads, by the kernel's. None where {@code /proc} cannot be read
 * (not Linux); threads that ended are not counted, so take both ends while the threads live.
 */
final class ThreadTimes {

    /** One thread's counts so far. */
    private record Counted(String name, long cpuNanos, long waitNanos) {
    }

    /** A thread dump line: {@code "name" #12 daemon prio=5 ... nid=0x4c2b ...}. */
    private static final Pattern DUMPED = Pattern.compile("^\"(.*)\" .*\\bnid=(0x\\p{XDigit}+|\\d+)\\b",
            Pattern.MULTILINE);

    private final Map<Long, Counted> byTask;

    private ThreadTimes(Map<Long, Counted> byTask) {
        this.byTask = byTask;
    }

    /** The counts of every live thread, now. */
    static ThreadTimes now() {
        Map<Long, String> javaNames = javaNamesByTask();
        Map<Long, Counted> byTask = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                long id = Long.parseLong(task.getFileName().toString());
                try {
                    String[] counts = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    String name = javaNames.containsKey(id) ? javaNames.get(id)
                            : Files.readString(task.resolve("comm")).trim();
                    byTask.put(id, new Counted(name, Long.parseLong(counts[0]), Long.parseLong(counts[1])));
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return new ThreadTimes(Map.of());
        }
        return new ThreadTimes(byTask);
    }

    /** The CPU time the named threads ran since {@code before}. */
    long cpuNanosSince(ThreadTimes before, Predicate<String> named) {
        return since(before, named, Counted::cpuNanos);
    }

    /** The time the named threads waited for a core since {@code before}. */
    long waitNanosSince(ThreadTimes before, Predicate<String> named) {
        return since(before, named, Counted::waitNanos);
    }

    private long since(ThreadTimes before, Predicate<String> named, ToLongFunction<Counted> count) {
        long nanos = 0;
        for (Map.Entry<Long, Counted> task : byTask.entrySet()) {
            if (named.test(task.getValue().name())) {
                Counted then = before.byTask.get(task.getKey());
                nanos += count.applyAsLong(task.getValue()) - (then == null ? 0 : count.applyAsLong(then));
            }
        }
        return nanos;
    }

    /** The JVM's threads' names by native id, from its thread dump; none when it cannot be had. */
    private static Map<Long, String> javaNamesByTask() {
        String dump;
        try {
            dump = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadPrint",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException unavailable) {
            return Map.of();
        }
        Map<Long, String> names = new HashMap<>();
        Matcher line = DUMPED.matcher(dump);
        while (line.find()) {
            String id = line.group(2);
            names.put(id.startsWith("0x") ? Long.parseLong(id.substring(2), 16) : Long.parseLong(id), line.group(1));
        }
        return names;
    }
}
