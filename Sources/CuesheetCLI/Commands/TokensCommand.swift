import Application
import ArgumentParser
import Foundation
import Store

/// `cuesheet tokens …`: the bearer tokens of `cuesheet serve`.
struct TokensCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokens",
    abstract: "Create, list and revoke API tokens for `cuesheet serve`.",
    discussion: "A token is printed once when created; only its SHA-256 is stored.",
    subcommands: [Create.self, List.self, Revoke.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a token and print it (once).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "A name for the token, e.g. sheets or ops-laptop.") var name: String
    @Option(
      help: ArgumentHelp(
        "What the token may do: all (every route) or flags:read (flag evaluation only: OFREP and /api/v1/flags).",
        valueName: "SCOPE"))
    var scope: TokenStore.Scope = .all
    @Flag(help: "Print the token as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        guard
          case .created(let created) = try await ManageTokens(store: try database.open()).run(
            .create(name: name, scope: scope))
        else { return }
        if json {
          struct Created: Encodable {
            let name, token, prefix, scope, createdAt: String
          }
          try Output.json(
            Created(
              name: created.entry.name, token: created.token, prefix: created.entry.prefix,
              scope: created.entry.scope.rawValue, createdAt: created.entry.createdAt))
        } else {
          print(created.token)
          Output.error("token '\(name)' created; it is shown only now, so store it safely.")
        }
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List tokens (names and prefixes, never the secrets).")
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Print the tokens as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        guard
          case .listed(let entries) = try await ManageTokens(store: try database.open()).run(.list)
        else { return }
        if json {
          try Output.json(entries)
          return
        }
        if entries.isEmpty {
          print("no tokens")
          return
        }
        var table = TextTable(
          header: ["NAME", "PREFIX", "SCOPE", "CREATED", "REVOKED"], rightAligned: [])
        for entry in entries {
          table.add([
            entry.name, entry.prefix + "…", entry.scope.rawValue, entry.createdAt,
            entry.revokedAt ?? "",
          ])
        }
        print(table.render())
      }
    }
  }

  struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Revoke a token by name; it stops working at once.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The token's name.") var name: String

    func run() async throws {
      try await ExitStatus.run {
        _ = try await ManageTokens(store: try database.open()).run(.revoke(name: name))
        print("revoked \(name)")
      }
    }
  }
}

extension TokenStore.Scope: ExpressibleByArgument {}
