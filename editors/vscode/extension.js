// Starts `cuesheet lsp` for rule files and report templates (docs/editors.md).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const command = vscode.workspace.getConfiguration("cuesheet").get("path") || "cuesheet";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "cuesheet",
    "Cuesheet",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", language: "cuesheet-rules" },
        { scheme: "file", language: "markdown", pattern: "**/reports/*.md" },
      ],
    },
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
