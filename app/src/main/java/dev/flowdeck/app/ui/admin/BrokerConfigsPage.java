package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.Styles;
import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.app.ui.kit.ConsolePage;
import dev.flowdeck.engine.admin.ClusterConfigService;
import dev.flowdeck.engine.config.KafkaSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import java.util.List;
import java.util.Optional;

/**
 * The Broker configs page: every configuration of the chosen broker with its source (default, static from
 * server.properties, dynamic), filterable, and any of them changed with the brokers' own dry-run as the preview.
 * Read when shown and on Refresh, not polled: configurations rarely change and the list is long.
 */
public final class BrokerConfigsPage implements ConsolePage {
    private final ConsoleContext context;
    private final ConfigEditorViewModel editor;
    private final ConnectionScoped<KafkaSettings, ClusterConfigService> brokersService = new ConnectionScoped<>(ClusterConfigService::new);
    private final ObservableList<Integer> brokers = FXCollections.observableArrayList();
    private final BooleanProperty connected = new SimpleBooleanProperty(false);
    private Node content;

    public BrokerConfigsPage(ConsoleContext context) {
        this.context = context;
        this.editor = new ConfigEditorViewModel(context);
    }

    @Override
    public String id() {
        return "broker-configs";
    }

    @Override
    public String title() {
        return "Broker configs";
    }

    @Override
    public Node content() {
        if (content == null) {
            content = build();
        }
        return content;
    }

    @Override
    public void shown() {
        Optional<KafkaSettings> kafka = context.kafka();
        connected.set(kafka.isPresent());
        if (kafka.isEmpty()) {
            return;
        }
        context.tasks().run("list brokers", () -> brokersService.get(kafka.get()).brokers(), this::showBrokers,
                e -> brokers.clear());
    }

    private void showBrokers(List<Integer> ids) {
        brokers.setAll(ids);
        ConfigTarget now = editor.targetProperty().get();
        if (now instanceof ConfigTarget.Broker b && ids.contains(b.id())) {
            editor.load();
        } else if (!ids.isEmpty()) {
            editor.targetProperty().set(new ConfigTarget.Broker(ids.get(0)));
        }
    }

    @Override
    public void close() {
        brokersService.close();
        editor.close();
    }

    ConfigEditorViewModel editor() {
        return editor;
    }

    private Node build() {
        BorderPane page = new BorderPane();
        page.setId("broker-configs");
        page.getStyleClass().add("admin-page");
        page.getStylesheets().add(AdminStyles.URL);
        Label title = new Label("Broker configs");
        title.getStyleClass().add(Styles.TITLE_3);
        ComboBox<Integer> broker = new ComboBox<>(brokers);
        broker.setId("broker-choice");
        broker.setPromptText("broker");
        editor.targetProperty().addListener((o, was, now) -> {
            if (now instanceof ConfigTarget.Broker b && !Integer.valueOf(b.id()).equals(broker.getValue())) {
                broker.setValue(b.id());
            }
        });
        broker.valueProperty().addListener((o, was, now) -> {
            if (now != null && !(editor.targetProperty().get() instanceof ConfigTarget.Broker b && b.id() == now)) {
                editor.targetProperty().set(new ConfigTarget.Broker(now));
            }
        });
        Button refresh = new Button("Refresh");
        refresh.setId("broker-configs-refresh");
        refresh.setOnAction(e -> shown());
        Label note = new Label("Sources: default (built in) · static (server.properties, change needs a restart) · dynamic (set at run time)");
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        HBox bar = new HBox(12, title, new Label("Broker"), broker, refresh, note);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 12, 4, 12));
        page.setTop(bar);
        page.setCenter(new StackPane(new ConfigEditorView(editor, "broker-config").build(),
                EmptyState.label(connected, UserText.NO_KAFKA)));
        return page;
    }
}
