import AsyncKit
import NIOCore
import NIOPosix
import PostgresNIO
import SQLiteNIO

/// Recognises errors that mean "the database cannot be reached right now" — as opposed to a bug or bad data —
/// so the error middleware answers 503 with `Retry-After` instead of 500 (SECURITY.md R4). SESA reconnects by
/// itself: the pools open new connections once the database is back.
public enum DatabaseUnavailable {
    public static func matches(_ error: any Error) -> Bool {
        switch error {
        case is ConnectionPoolTimeoutError, is NIOConnectionError, is ChannelError:
            return true
        case let pool as ConnectionPoolError:
            return pool == .shutdown
        case let postgres as PSQLError:
            switch postgres.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown:
                return true
            case .server:
                // 08: connection exception, 53: insufficient resources (e.g. too many connections),
                // 57: operator intervention (shutting down, starting up).
                let state = postgres.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57")
            default:
                return false
            }
        case let sqlite as SQLiteError:
            // A lock held past the busy timeout, or a full disk: temporary, not the caller's fault.
            return sqlite.reason == .busy || sqlite.reason == .locked || sqlite.reason == .full
        case let io as IOError:
            return [ECONNREFUSED, ECONNRESET, EHOSTUNREACH, ETIMEDOUT, ENETUNREACH].contains(io.errnoCode)
        default:
            return false
        }
    }
}
