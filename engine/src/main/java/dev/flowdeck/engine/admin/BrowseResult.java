package dev.flowdeck.engine.admin;

import java.util.List;

/**
 * What a browse found.
 *
 * @param records  matching records, oldest first by timestamp (then partition and offset)
 * @param scanned  records read to find them
 * @param complete true if every selected partition was read up to its end offset of when the browse began (no
 *                 more matches exist up to then); false if the limit, the scan bound or the deadline stopped it
 */
public record BrowseResult(List<KafkaMessage> records, long scanned, boolean complete, String note) {
    public BrowseResult {
        records = List.copyOf(records);
    }
}
