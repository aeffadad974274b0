import ArgumentParser
import Foundation
import LanguageServer

/// `cuesheet lsp`: the language server for rule files, over stdin and stdout.
struct LSPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lsp",
    abstract: "Run the language server for rule files (LSP over stdin/stdout; docs/editors.md).",
    discussion: """
      Speaks the Language Server Protocol 3.17 with Content-Length framing on stdin and stdout:
      diagnostics as you type (as `rules check` reports them), completion, hover, go to
      definition, references, document symbols, formatting (`rules fmt`) and quick fixes. Started
      by an editor, not by hand. Exit 0 after shutdown and exit, 1 otherwise.
      """)

  func run() throws {
    let code = StdioTransport.run { message in
      FileHandle.standardError.write(Data((message + "\n").utf8))
    }
    if code != 0 { throw ExitCode(code) }
  }
}
