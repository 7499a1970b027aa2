package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.engine.admin.MessageBrowser;
import dev.flowdeck.engine.config.KafkaSettings;

/**
 * The Messages page's browser for the current profile: with the profile's Schema Registry when it has one, so
 * browsing, the live tail and exports decode Avro and Protobuf values, and producing can write with a schema.
 */
final class MessageBrowsers {
    private MessageBrowsers() {
    }

    static MessageBrowser of(ConsoleContext context, KafkaSettings kafka) {
        MessageBrowser browser = new MessageBrowser(kafka);
        context.schemaRegistry().ifPresent(browser::registry);
        return browser;
    }
}
