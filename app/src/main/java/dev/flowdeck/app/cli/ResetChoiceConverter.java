package dev.flowdeck.app.cli;

import dev.flowdeck.engine.config.ResetChoice;
import picocli.CommandLine;

import java.util.Locale;

/** {@code --on-reset ask|resnapshot|resume}, case-insensitive, with the choices named on a bad value. */
final class ResetChoiceConverter implements CommandLine.ITypeConverter<ResetChoice> {
    @Override
    public ResetChoice convert(String value) {
        try {
            return ResetChoice.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a choice: use resnapshot, resume or ask");
        }
    }
}
