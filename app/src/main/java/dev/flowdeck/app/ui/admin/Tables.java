package dev.flowdeck.app.ui.admin;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.function.Function;

/** Table columns built the same way on every admin page: a value, its text, right-aligned when it is a number. */
final class Tables {
    private Tables() {
    }

    static <S, T> TableColumn<S, T> column(String title, double width, Function<S, T> value, Function<T, String> text,
                                           boolean numeric) {
        TableColumn<S, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(p -> new ReadOnlyObjectWrapper<>(p.getValue() == null ? null : value.apply(p.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        });
        if (numeric) {
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        return c;
    }

    static <S> TableColumn<S, String> text(String title, double width, Function<S, String> value) {
        return column(title, width, value, s -> s, false);
    }

    static <S> void placeholder(TableView<S> table, String text) {
        placeholder(table, new SimpleStringProperty(text));
    }

    /** A placeholder whose text follows {@code text}, e.g. one thing before a choice and another after it. */
    static <S> void placeholder(TableView<S> table, ObservableValue<String> text) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setAlignment(Pos.CENTER);
        l.getStyleClass().add("text-muted");
        table.setPlaceholder(l);
    }
}
