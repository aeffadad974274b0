import Application
import Foundation
import Hummingbird
import Reports
import Store

/// `GET /api/v1/dashboard/{creator,advertiser,ops}`: the data behind each dashboard, rendered by
/// the Reports module from the same templates as `cuesheet reports build`.
struct DashboardRoutes {
  let server: CuesheetServer

  func add(to group: RouterGroup<BasicRequestContext>) {
    group.get("v1/dashboard/creator") { request, _ in
      guard let show = request.query.get("show"), !show.isEmpty else {
        throw APIError.badRequest("Missing ?show=ID (a show id, e.g. S-1).")
      }
      return try await page(template: "creator", file: show, what: "show '\(show)'")
    }
    group.get("v1/dashboard/advertiser") { request, _ in
      guard let advertiser = request.query.get("advertiser"), !advertiser.isEmpty
      else {
        throw APIError.badRequest("Missing ?advertiser=ID (an advertiser id, e.g. A-1).")
      }
      return try await page(
        template: "advertiser", file: advertiser, what: "advertiser '\(advertiser)'")
    }
    group.get("v1/dashboard/ops") { _, _ in
      try await page(template: "ops", file: nil, what: "the ops dashboard")
    }
  }

  /// Renders the template's pages and answers the one whose output name is `file` (or the first);
  /// the JSON body is encoded once per rendering of the page.
  func page(template name: String, file: String?, what: String) async throws -> Response {
    let body = try await RenderDashboard(store: server.store, cache: server.dashboards).run(
      .init(template: name, page: file, reportsDirectory: server.configuration.reportsDirectory)
    ) { page in try JSONResponse.encode(DocumentJSON(page.document, report: name, page: page.file))
    }
    guard let body else { throw APIError.notFound("No dashboard page for \(what); check the id.") }
    return JSONResponse.make(data: body)
  }
}

/// A rendered dashboard page as JSON: its title, provenance and blocks (tables, KPIs, charts).
struct DocumentJSON: Encodable {
  let report: String
  let page: String
  let title: String
  let provenance: JSONValue
  let blocks: [JSONValue]

  init(_ document: Document, report: String, page: String) {
    self.report = report
    self.page = page
    title = document.title
    let p = document.provenance
    provenance = .object([
      "built_at": .string(p.builtAt),
      "latest_import_id": p.latestImportID.map(JSONValue.int) ?? .null,
      "metrics_first_day": p.metricsFirstDay.map(JSONValue.string) ?? .null,
      "metrics_last_day": p.metricsLastDay.map(JSONValue.string) ?? .null,
      "database": .string(p.database),
    ])
    blocks = document.blocks.map(Self.block)
  }

  static func block(_ block: Block) -> JSONValue {
    switch block {
    case .markdown(let text):
      return .object(["type": .string("markdown"), "markdown": .string(text)])
    case .table(let table):
      return .object([
        "type": .string("table"),
        "columns": .array(
          table.columns.map {
            .object(["label": .string($0.label), "format": .string($0.format.rawValue)])
          }),
        "rows": .array(table.rows.map { .array($0.map(JSONValue.string)) }),
      ])
    case .kpis(let kpis):
      return .object([
        "type": .string("kpis"),
        "kpis": .array(
          kpis.map {
            .object([
              "label": .string($0.label), "value": .string($0.value),
              "change": $0.change.map(JSONValue.double) ?? .null,
            ])
          }),
      ])
    case .chart(let chart):
      return .object([
        "type": .string("chart"), "kind": .string(chart.kind.rawValue),
        "title": .string(chart.title),
        "id": .string(chart.id), "format": .string(chart.format.rawValue),
        "labels": .array(chart.labels.map(JSONValue.string)),
        "series": .array(
          chart.series.map {
            .object([
              "name": .string($0.name),
              "values": .array($0.values.map { $0.isFinite ? .double($0) : .null }),
            ])
          }),
      ])
    case .links(let links):
      return .object([
        "type": .string("links"),
        "links": .array(
          links.map {
            .object([
              "title": .string($0.title), "href": .string($0.href), "note": .string($0.note),
            ])
          }),
      ])
    case .cards(let cards):
      return .object([
        "type": .string("cards"),
        "cards": .array(
          cards.map { card in
            .object([
              "title": .string(card.title), "summary": .string(card.summary),
              "links": .array(
                card.links.map {
                  .object(["title": .string($0.title), "href": .string($0.href)])
                }),
            ])
          }),
      ])
    case .matches(let matches):
      return .object([
        "type": .string("matches"),
        "matches": .array(
          matches.map { match in
            .object([
              "rank": .int(Int64(match.rank)), "show": .string(match.show),
              "score": .double(match.score), "reasons": .string(match.reasons),
              "signals": .array(
                match.parts.map {
                  .object([
                    "name": .string($0.name), "value": .double($0.value),
                    "weight": $0.weight.map(JSONValue.double) ?? .null,
                  ])
                }),
            ])
          }),
      ])
    }
  }
}
