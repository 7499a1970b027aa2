package dev.flowdeck.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.Masking;
import dev.flowdeck.engine.admin.MessageFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code flowdeck bench-filter}: what a CEL filter costs the live tail's thread, headless. Runs the tail's per-record
 * work (filter, then masking) over change events shaped like the pipeline's, first without a filter (the ceiling),
 * then with the expression, on one thread, and prints records/s, the ratio to the ceiling, and the share of one core
 * that 25,000 records/s would take.
 */
@Command(name = "bench-filter", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the live tail's per-record cost with a CEL filter against the same work without one.")
public final class BenchFilterCommand implements Callable<Integer> {
    private static final String[] REGIONS = {"eu-west", "us-east", "ap-south", "sa-east"};

    @Option(names = "--filter", paramLabel = "EXPR", defaultValue = "value.amount > 100 && value.region == \"eu-west\"",
            description = "The expression (default: ${DEFAULT-VALUE}).")
    String expression;

    @Option(names = "--records", paramLabel = "N", defaultValue = "300000", description = "Records per pass (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Passes of each kind; the best counts (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        List<KafkaMessage> events = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            String value = String.format(Locale.ROOT, "{\"op\":\"c\",\"id\":%d,\"org\":\"Org %d\",\"amount\":%d.25,\"region\":\"%s\","
                    + "\"created_at\":\"2026-12-03T08:00:00.%03dZ\",\"captured_at\":\"2026-12-03T08:00:00.%03dZ\"}",
                    i, i % 50, i % 400, REGIONS[i % 4], i % 1000, (i + 3) % 1000);
            events.add(new KafkaMessage("db_live_events", i % 3, i, 1_764_748_800_000L + i, "CreateTime",
                    Integer.toString(i), value, List.of(), 6, value.length()));
        }
        Masking masking = Masking.defaults();
        MessageFilter filter = MessageFilter.expression(expression);
        double ceiling = 0;
        double filtered = 0;
        long matched = 0;
        for (int r = 0; r < rounds; r++) {
            ceiling = Math.max(ceiling, pass(events, MessageFilter.NONE, masking)[0]);
            double[] f = pass(events, filter, masking);
            filtered = Math.max(filtered, f[0]);
            matched = (long) f[1];
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("filter", expression);
        out.put("records", records);
        out.put("matched", matched);
        out.put("ceiling_records_per_s", Math.round(ceiling));
        out.put("filtered_records_per_s", Math.round(filtered));
        out.put("ratio_to_ceiling", Math.round(filtered / ceiling * 1000) / 1000.0);
        out.put("core_share_at_25k_per_s", Math.round(25_000 / filtered * 1000) / 1000.0);
        System.out.println(out);
        return 0;
    }

    /** The tail thread's work for each record: filter, then mask what is kept. Returns records/s and the matches. */
    private static double[] pass(List<KafkaMessage> events, MessageFilter filter, Masking masking) {
        long t0 = System.nanoTime();
        long kept = 0;
        for (KafkaMessage m : events) {
            if (filter.matches(m) && masking.apply(m) != null) {
                kept++;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new double[] {events.size() / seconds, kept};
    }
}
