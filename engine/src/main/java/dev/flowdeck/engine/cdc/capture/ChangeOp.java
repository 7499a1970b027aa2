package dev.flowdeck.engine.cdc.capture;

/** The {@code op} of a Debezium change envelope. */
public enum ChangeOp {
    /** A row read by the initial snapshot. */
    READ("r"),
    CREATE("c"),
    UPDATE("u"),
    DELETE("d");

    private final String code;

    ChangeOp(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ChangeOp ofCode(String code) {
        for (ChangeOp op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown change operation '" + code + "': expected r, c, u or d");
    }
}
