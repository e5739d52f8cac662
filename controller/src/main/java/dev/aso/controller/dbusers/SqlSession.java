package dev.aso.controller.dbusers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One admin connection to a database server, for the length of one operation. Every statement runs with the
 * statement timeout; every {@link SQLException} becomes a {@link DbUserException} whose message says what was being
 * done, on which server, as which admin, and never holds a password.
 */
final class SqlSession implements AutoCloseable {

    /** Opens the driver's connection; may throw the driver's exception. */
    interface Opener {
        Connection open() throws SQLException;
    }

    /** What a session works on, for its messages. */
    record Target(String engine, ServerEndpoint endpoint, String adminUser, List<String> secrets, DbTimeouts timeouts) {
    }

    private final Target target;
    private final Connection connection;

    private SqlSession(Target target, Connection connection) {
        this.target = target;
        this.connection = connection;
    }

    static SqlSession open(Target target, Opener opener) {
        try {
            return new SqlSession(target, opener.open());
        } catch (SQLException e) {
            throw failure("connect", target, e);
        }
    }

    Connection connection() {
        return connection;
    }

    void execute(String what, String sql, Object... params) {
        try (PreparedStatement st = prepare(sql, params)) {
            st.execute();
        } catch (SQLException e) {
            throw failure(what, target, e);
        }
    }

    /** The rows of a query, each column as a string. */
    List<List<String>> query(String what, String sql, Object... params) {
        try (PreparedStatement st = prepare(sql, params); ResultSet rs = st.executeQuery()) {
            List<List<String>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw failure(what, target, e);
        }
    }

    /** The first column of a query's rows. */
    List<String> column(String what, String sql, Object... params) {
        return query(what, sql, params).stream().map(r -> r.get(0)).toList();
    }

    /** Runs {@code work} in one transaction: all of it happens, or (on a failure) none of what can be rolled back. */
    void transaction(String what, Runnable work) {
        try {
            connection.setAutoCommit(false);
            work.run();
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw failure(what, target, e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
    }

    /** Runs a driver call that is not a plain statement (pgjdbc's password change, say). */
    void call(String what, DriverCall call) {
        try {
            call.run(connection);
        } catch (SQLException e) {
            throw failure(what, target, e);
        }
    }

    interface DriverCall {
        void run(Connection c) throws SQLException;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql);
        st.setQueryTimeout(target.timeouts().statementSeconds());
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
        return st;
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one to report
        }
    }

    static DbUserException failure(String what, Target target, SQLException e) {
        DbUserReason reason = SqlFailures.reasonOf(e);
        String hint = SqlFailures.hint(reason, target.adminUser());
        String message = "cannot " + what + " on " + target.engine() + " server " + target.endpoint() + " as '"
                + target.adminUser() + "': " + describe(e) + (hint.isEmpty() ? "" : "; " + hint);
        return DbUserException.of(reason, message, target.secrets(), e);
    }

    private static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState()
                + (e.getErrorCode() != 0 ? ", error " + e.getErrorCode() : "") + ")";
        return String.valueOf(e.getMessage()).strip() + state;
    }
}
