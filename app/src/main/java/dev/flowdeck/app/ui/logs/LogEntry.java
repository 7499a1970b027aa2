package dev.flowdeck.app.ui.logs;

/** One line of the application log as the Logs view shows it; the message has had every secret masked. */
public record LogEntry(long seq, long timeMillis, String level, String logger, String thread, String message) {
    /** The logger's last name segment, e.g. CdcPoller: the "source" the view filters by. */
    public String source() {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
