package dev.flowdeck.app.ui.settings;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Settings page: connection profiles on the left, the selected one's form, test result and actions on the right. */
final class SettingsView extends dev.flowdeck.app.ui.kit.LiveScrollPane {
    /** @param more cards under the profiles (the data folder and the retention), or null */
    SettingsView(SettingsViewModel vm, Node more) {
        setId("settings");
        getStyleClass().addAll("page", "edge-to-edge");
        setFitToWidth(true);
        setFitToHeight(true);

        Label title = new Label("Settings");
        title.getStyleClass().add("page-title");
        Label subtitle = new Label();
        subtitle.textProperty().bind(Bindings.concat("Connection profiles. The pipeline now runs on '", vm.activeNameProperty(), "'."));
        subtitle.getStyleClass().add("page-subtitle");

        HBox body = new HBox(16, profileList(vm), form(vm));
        body.setAlignment(Pos.TOP_LEFT);
        VBox root = new VBox(12, new VBox(title, subtitle), body);
        if (more != null) {
            root.getChildren().add(more);
        } else {
            VBox.setVgrow(body, Priority.ALWAYS);
        }
        root.getStyleClass().add("page-content");
        setContent(root);
    }

    private static Node profileList(SettingsViewModel vm) {
        ListView<String> list = new ListView<>(vm.names());
        list.setId("profile-list");
        list.setPrefWidth(220);
        list.setPrefHeight(220);
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.equals(vm.activeNameProperty().get()) ? item + "   (in use)" : item);
            }
        });
        vm.activeNameProperty().addListener((o, was, now) -> list.refresh());
        list.getSelectionModel().select(vm.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> list.getSelectionModel().select(now));
        Button add = new Button("New profile");
        add.setId("profile-new");
        add.setOnAction(e -> vm.newProfile());
        Button delete = new Button("Delete");
        delete.setId("profile-delete");
        delete.setOnAction(e -> vm.delete());
        delete.disableProperty().bind(vm.editableProperty().not());
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(8, list, new HBox(8, add, delete));
        box.getStyleClass().add("settings-card");
        box.setMinWidth(240);
        return box;
    }

    private static Node form(SettingsViewModel vm) {
        Label heading = new Label();
        heading.getStyleClass().add("card-title");
        heading.textProperty().bind(Bindings.when(vm.editableProperty()).then("External: a Kafka cluster and PostgreSQL")
                .otherwise("Embedded: Kafka (KRaft) and H2 run inside Flowdeck"));
        Label embeddedNote = new Label("Nothing to configure: the broker and the database start with the app and keep their "
                + "data in the application-data folder. Create a profile to use a real cluster or PostgreSQL.");
        embeddedNote.setWrapText(true);
        embeddedNote.getStyleClass().add("page-subtitle");
        embeddedNote.visibleProperty().bind(vm.editableProperty().not());
        embeddedNote.managedProperty().bind(embeddedNote.visibleProperty());

        TextField name = field("profile-name", vm.nameProperty(), "a name for this profile");
        TextField bootstrap = field("profile-bootstrap", vm.bootstrapProperty(), "host:9092,host2:9092 (empty: embedded broker)");
        TextArea props = new TextArea();
        props.setId("profile-kafka-properties");
        props.textProperty().bindBidirectional(vm.kafkaPropertiesProperty());
        props.setPromptText("one per line, e.g. security.protocol=SASL_SSL, sasl.mechanism=PLAIN, sasl.jaas.config=…");
        props.setPrefRowCount(4);
        props.getStyleClass().add("monospace");
        TextField url = field("profile-jdbc-url", vm.jdbcUrlProperty(), "jdbc:postgresql://host:5432/db?sslmode=require (empty: embedded H2)");
        TextField user = field("profile-db-user", vm.dbUserProperty(), "database user");
        PasswordField password = new PasswordField();
        password.setId("profile-db-password");
        password.textProperty().bindBidirectional(vm.dbPasswordProperty());
        TextField registryUrl = field("profile-registry-url", vm.registryUrlProperty(),
                "http://host:8081 (Confluent API: Confluent, Apicurio, Redpanda); empty: none");
        TextField registryUser = field("profile-registry-user", vm.registryUserProperty(), "user (HTTP basic auth), or empty");
        PasswordField registryPassword = new PasswordField();
        registryPassword.setId("profile-registry-password");
        registryPassword.setPromptText("password, or empty");
        registryPassword.textProperty().bindBidirectional(vm.registryPasswordProperty());
        PasswordField registryToken = new PasswordField();
        registryToken.setId("profile-registry-token");
        registryToken.setPromptText("bearer token instead of user and password, or empty");
        registryToken.textProperty().bindBidirectional(vm.registryTokenProperty());
        CheckBox remember = new CheckBox("Remember the passwords, token and secret Kafka properties on this computer");
        remember.setId("profile-remember");
        remember.selectedProperty().bindBidirectional(vm.rememberSecretsProperty());
        Label secretsNote = new Label("Unticked, secrets stay in memory until Flowdeck closes. Ticked, they are saved in "
                + "secrets.properties in the config folder, readable by you only (permissions 600). Secrets never appear in "
                + "logs or exports; saved secret properties show as ********.");
        secretsNote.setWrapText(true);
        secretsNote.getStyleClass().add("field-note");

        GridPane grid = Forms.grid(150, 8);
        int r = 0;
        grid.addRow(r++, label("Profile name"), name);
        grid.addRow(r++, label("Bootstrap servers"), bootstrap);
        grid.addRow(r++, label("Kafka client properties"), props);
        grid.addRow(r++, label("JDBC URL"), url);
        grid.addRow(r++, label("User"), user);
        grid.addRow(r++, label("Password"), password);
        grid.addRow(r++, label("Schema Registry URL"), registryUrl);
        grid.addRow(r++, label("Registry user"), registryUser);
        grid.addRow(r++, label("Registry password"), registryPassword);
        grid.addRow(r++, label("Registry token"), registryToken);
        grid.add(remember, 1, r++);
        grid.add(secretsNote, 1, r);
        grid.visibleProperty().bind(vm.editableProperty());
        grid.managedProperty().bind(grid.visibleProperty());

        Button test = new Button("Test connection");
        test.setId("profile-test");
        test.setOnAction(e -> vm.test());
        test.disableProperty().bind(vm.testStateProperty().isEqualTo(SettingsViewModel.TestState.RUNNING));
        test.visibleProperty().bind(vm.editableProperty());
        test.managedProperty().bind(test.visibleProperty());
        Button save = new Button("Save");
        save.setId("profile-save");
        save.setOnAction(e -> vm.save());
        save.visibleProperty().bind(vm.editableProperty());
        save.managedProperty().bind(save.visibleProperty());
        Button use = new Button("Use this profile");
        use.setId("profile-use");
        use.getStyleClass().add("accent");
        use.setOnAction(e -> vm.use());
        use.disableProperty().bind(vm.busyProperty().or(vm.selectedProperty().isEqualTo(vm.activeNameProperty())
                .and(vm.nameProperty().isEqualTo(vm.activeNameProperty()))));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, test, save, spacer, use);
        actions.setAlignment(Pos.CENTER_LEFT);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(vm.testStateProperty().isEqualTo(SettingsViewModel.TestState.RUNNING));
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label summary = new Label();
        summary.setId("profile-test-summary");
        summary.textProperty().bind(vm.testSummaryProperty());
        summary.getStyleClass().add("test-summary");
        vm.testStateProperty().addListener((o, was, now) -> {
            summary.getStyleClass().removeAll("test-ok", "test-failed");
            if (now == SettingsViewModel.TestState.OK) {
                summary.getStyleClass().add("test-ok");
            } else if (now == SettingsViewModel.TestState.FAILED) {
                summary.getStyleClass().add("test-failed");
            }
        });
        Label kafka = wrapped("profile-test-kafka", vm.testKafkaProperty());
        Label db = wrapped("profile-test-database", vm.testDatabaseProperty());
        Label message = wrapped("profile-message", vm.messageProperty());
        message.getStyleClass().add("control-message");
        VBox result = new VBox(4, new HBox(8, spinner, summary), kafka, db, message);

        VBox card = new VBox(12, heading, embeddedNote, grid, actions, result);
        card.getStyleClass().add("settings-card");
        card.setPadding(new Insets(14));
        card.setMaxWidth(860);
        card.setMaxHeight(Region.USE_PREF_SIZE); // as tall as its content, not the page
        HBox.setHgrow(card, Priority.ALWAYS);
        return card;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt) {
        return Forms.field(id, value, prompt);
    }

    private static Label label(String text) {
        return Forms.label(text);
    }

    private static Label wrapped(String id, javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.visibleProperty().bind(Bindings.isNotEmpty(l.textProperty()));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

}
