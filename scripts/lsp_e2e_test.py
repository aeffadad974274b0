"""End-to-end test of `cuesheet lsp` through a real LSP client (pytest-lsp, built on pygls).

Run by Tests/LanguageServerTests/LSPClientTests.swift as
    CUESHEET_BINARY=.build/debug/cuesheet .venv/bin/python -m pytest scripts/lsp_e2e_test.py
The server runs as a child process speaking JSON-RPC over its stdin and stdout, as an editor
starts it.
"""

import os
import pathlib
import sys
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

BINARY = os.environ.get("CUESHEET_BINARY", ".build/debug/cuesheet")

BROKEN = """matchmaking m {
  let shared = show.categories.filter(c, c in advertiser.target_categories)
  require "audience": show.downlods_30d >= 1000
  signal "fit" weight 1.0: size(shared) > 0 ? 1.0 : 0.0
}
"""
FIXED = BROKEN.replace("downlods_30d", "downloads_30d")
MESSY = "flag A {\n      default on   # kept\n}\nflag B {\ndefault off\n}\n"
TIDY = "flag A {\n  default on   # kept\n}\n\nflag B {\n  default off\n}\n"

FOLDER = pathlib.Path(tempfile.mkdtemp(prefix="cuesheet-lsp-e2e-"))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]))
async def client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities())
    )
    capabilities = result.capabilities
    assert capabilities.hover_provider
    assert capabilities.definition_provider
    assert capabilities.document_formatting_provider
    assert capabilities.completion_provider is not None
    yield
    await lsp_client.shutdown_session()
    # `shutdown` then `exit`: the server exits with 0.
    assert lsp_client._server is not None
    assert lsp_client._server.returncode == 0, lsp_client._server.returncode


def open_document(client: LanguageClient, name: str, text: str) -> str:
    uri = (FOLDER / name).as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="cuesheet-rules", version=1, text=text
            )
        )
    )
    return uri


@pytest.mark.asyncio(loop_scope="function")
async def test_edit_session(client: LanguageClient):
    # Open a file with an error: the diagnostic is at the checker's range.
    uri = open_document(client, "m.rules", BROKEN)
    await client.wait_for_notification("textDocument/publishDiagnostics")
    diagnostics = client.diagnostics[uri]
    assert len(diagnostics) == 1, diagnostics
    diagnostic = diagnostics[0]
    assert diagnostic.code == "check.no-such-field"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert "did you mean `downloads_30d`?" in diagnostic.message
    assert diagnostic.range.start == types.Position(line=2, character=22)

    # Its quick fix replaces just the misspelled name.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    assert actions and actions[0].edit.changes[uri][0].new_text == "downloads_30d"

    # Fix it: the diagnostics are cleared.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=FIXED)],
        )
    )
    await client.wait_for_notification("textDocument/publishDiagnostics")
    assert len(client.diagnostics[uri]) == 0

    # Complete after `show.`: the record's fields.
    completion = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=27),
        )
    )
    items = completion.items if isinstance(completion, types.CompletionList) else completion
    labels = {item.label for item in items}
    assert {"downloads_30d", "cpm", "categories"} <= labels, labels

    # Hover a field: its type.
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=30),
        )
    )
    assert hover is not None
    assert "show.downloads_30d: int" in hover.contents.value

    # Go to the `let` definition from its use in the signal.
    definition = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=3, character=33),
        )
    )
    location = definition[0] if isinstance(definition, list) else definition
    assert location.uri == uri
    assert location.range.start == types.Position(line=1, character=6)

    # Format a file.
    messy = open_document(client, "f.rules", MESSY)
    await client.wait_for_notification("textDocument/publishDiagnostics")
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=messy),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert len(edits) == 1 and edits[0].new_text == TIDY


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
