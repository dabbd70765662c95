package io.limen.agent.revocation;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Wraps a real factory so that the Nth {@code PreparedStatement.executeUpdate} (counting from 1,
 * across all statements of all connections it opened) throws, as a full disk or I/O error would.
 */
final class FaultyConnections implements SqliteConnections {

    private final SqliteConnections real;
    private final int failingWrite;
    private int writes;

    FaultyConnections(SqliteConnections real, int failingWrite) {
        this.real = real;
        this.failingWrite = failingWrite;
    }

    @Override
    public Connection open() throws SQLException {
        Connection connection = real.open();
        return proxy(Connection.class, (p, method, args) -> {
            Object result = invoke(connection, method, args);
            return result instanceof PreparedStatement ps ? faulty(ps) : result;
        });
    }

    @Override
    public String describe() {
        return real.describe();
    }

    private PreparedStatement faulty(PreparedStatement statement) {
        return proxy(PreparedStatement.class, (p, method, args) -> {
            if (method.getName().equals("executeUpdate") && ++writes == failingWrite) {
                throw new SQLException("injected failure of write " + writes);
            }
            return invoke(statement, method, args);
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
