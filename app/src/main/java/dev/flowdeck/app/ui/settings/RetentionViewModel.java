package dev.flowdeck.app.ui.settings;

import dev.flowdeck.engine.admin.DurationInput;
import dev.flowdeck.engine.config.RetentionSettings;
import dev.flowdeck.engine.config.SettingsException;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Settings page's Retention fields: how old and how many {@code livedb} rows are kept (the age also bounds the
 * processor's aggregates and Flowdeck's topics), the same values as {@code --retention-age} and
 * {@code --retention-rows}. A value {@link RetentionSettings} refuses shows its message next to its field and nothing
 * is applied; valid values act at once (the trimmer reads them on every pass) and are saved.
 */
public final class RetentionViewModel {
    private final RetentionSettings settings;
    private final Supplier<Optional<String>> trimStatus;
    private final Consumer<RetentionSettings> save;

    private final StringProperty age = new SimpleStringProperty("");
    private final StringProperty rows = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper ageError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rowsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /**
     * @param settings   the live settings the trimmers read
     * @param trimStatus the Retention stage's status line while the pipeline runs (what it keeps, rows trimmed)
     * @param save       persists applied settings (called on the FX thread; it should hand the file write off)
     */
    public RetentionViewModel(RetentionSettings settings, Supplier<Optional<String>> trimStatus,
                              Consumer<RetentionSettings> save) {
        this.settings = settings;
        this.trimStatus = trimStatus;
        this.save = save;
        showSettings();
        refreshStatus();
    }

    private void showSettings() {
        age.set(ageText(settings.maxAge()));
        rows.set(String.format(Locale.ROOT, "%,d", settings.maxRows()));
    }

    /** How an age is written in the field and the preferences: {@code 24h}, {@code 90min}, {@code 0}. */
    public static String ageText(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long s = d.toSeconds();
        return s % 86_400 == 0 && s >= 7 * 86_400 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h"
                : s % 60 == 0 ? s / 60 + "min" : s + "s";
    }

    /** Validates both fields; applies and saves them only if both are valid. Returns whether they were applied. */
    public boolean apply() {
        ageError.set("");
        rowsError.set("");
        message.set("");
        Duration newAge = null;
        Long newRows = null;
        RetentionSettings check = new RetentionSettings();
        try {
            newAge = parseAge(age.get());
            check.maxAge(newAge);
        } catch (IllegalArgumentException | SettingsException e) {
            ageError.set(e.getMessage());
        }
        try {
            newRows = parseRows(rows.get());
            check.maxRows(newRows);
        } catch (IllegalArgumentException | SettingsException e) {
            rowsError.set(e.getMessage());
        }
        if (!ageError.get().isEmpty() || !rowsError.get().isEmpty()) {
            message.set("Not applied: fix the value marked in red");
            return false;
        }
        settings.maxAge(newAge).maxRows(newRows);
        showSettings();
        save.accept(settings);
        message.set("Applied: keeping " + settings.describe());
        refreshStatus();
        return true;
    }

    /** {@code 24h}, {@code 90min}, {@code 7d}, {@code 0} or {@code forever} (no limit by age). */
    public static Duration parseAge(String text) {
        long ms = DurationInput.parseMillis(text, "retention age");
        return ms < 0 ? Duration.ZERO : Duration.ofMillis(ms);
    }

    /** A whole number; thousands separators allowed; {@code 0} for no limit by count. */
    public static long parseRows(String text) {
        String digits = text == null ? "" : text.strip().replace(",", "").replace("_", "").replace(" ", "");
        if (!digits.matches("\\d{1,18}")) {
            throw new SettingsException("retention rows must be a whole number such as 20,000,000, or 0 to keep any "
                    + "number of rows (got '" + (text == null ? "" : text.strip()) + "')");
        }
        return Long.parseLong(digits);
    }

    /** Reads the Retention stage's line again (FX thread). */
    public void refreshStatus() {
        status.set(trimStatus.get().filter(s -> !s.isBlank())
                .orElse("keeping " + settings.describe() + "; trimming starts with the pipeline"));
    }

    public StringProperty ageProperty() {
        return age;
    }

    public StringProperty rowsProperty() {
        return rows;
    }

    public ReadOnlyStringProperty ageErrorProperty() {
        return ageError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rowsErrorProperty() {
        return rowsError.getReadOnlyProperty();
    }

    /** E.g. {@code keeping 24 h or 20,000,000 rows of livedb; 1,234 older rows trimmed}. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
