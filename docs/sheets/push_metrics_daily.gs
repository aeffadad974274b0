/**
 * Pushes a Google Sheet of daily listener metrics to Cuesheet, once a day.
 *
 * The sheet's first row is the header: day,episode_id,source,downloads,listeners,impressions
 * (see docs/import.md, "metrics_daily"). The script exports the sheet as RFC 4180 CSV and POSTs it
 * to Cuesheet's upload endpoint, which runs the same importer as `cuesheet import metrics-daily`
 * (all or nothing, idempotent: re-sending the same rows changes nothing).
 *
 * The endpoint is POST /api/v1/etl/upload?kind=metrics-daily, served by `cuesheet serve` (see
 * docs/server.md and docs/openapi.yaml). It answers 200 with the import result, or an error
 * {"error": {"code", "message", "details"}}: 401 for a missing or revoked token, 413 over the
 * size cap, 422 for invalid rows (details: line, column, value, expected) — nothing is imported then.
 * Create the token with `cuesheet tokens create sheets`.
 *
 * Setup (Extensions → Apps Script, paste this file, then):
 *   1. Project Settings → Script Properties: add
 *        CUESHEET_URL    e.g. https://cuesheet.example.com   (no trailing slash)
 *        CUESHEET_TOKEN  the bearer token issued for this sheet
 *        SHEET_NAME      (optional) the tab to export; default: the first tab
 *   2. Run installDailyTrigger() once and grant the permissions it asks for.
 *   3. Run pushMetricsDaily() once by hand and check the execution log.
 */

var KIND = 'metrics-daily';

/** Exports the sheet and uploads it; throws (so the trigger reports a failure) on any error. */
function pushMetricsDaily() {
  var props = PropertiesService.getScriptProperties();
  var baseUrl = props.getProperty('CUESHEET_URL');
  var token = props.getProperty('CUESHEET_TOKEN');
  if (!baseUrl || !token) {
    throw new Error('Set CUESHEET_URL and CUESHEET_TOKEN in Project Settings → Script Properties.');
  }
  var sheetName = props.getProperty('SHEET_NAME');
  var spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = sheetName ? spreadsheet.getSheetByName(sheetName) : spreadsheet.getSheets()[0];
  if (!sheet) {
    throw new Error('No tab named "' + sheetName + '" in this spreadsheet.');
  }

  var csv = sheetToCsv(sheet);
  var fileName = spreadsheet.getName() + ' - ' + sheet.getName() + '.csv';
  var url = baseUrl.replace(/\/+$/, '') + '/api/v1/etl/upload?kind=' + encodeURIComponent(KIND)
      + '&file_name=' + encodeURIComponent(fileName);

  var response = UrlFetchApp.fetch(url, {
    method: 'post',
    contentType: 'text/csv; charset=utf-8',
    payload: Utilities.newBlob(csv, 'text/csv', fileName).getBytes(),
    headers: { Authorization: 'Bearer ' + token },
    muteHttpExceptions: true,  // read the error body ourselves
  });

  var status = response.getResponseCode();
  var body = response.getContentText();
  var result = null;
  try {
    result = JSON.parse(body);
  } catch (e) {
    // Not JSON: reported below with the raw body.
  }
  if (status < 200 || status >= 300) {
    var detail = body.substring(0, 2000);
    var error = result && result.error;
    if (error) {
      detail = error.code + ': ' + error.message;
      if (error.details && error.details.length) {
        detail += ' First: ' + error.details.slice(0, 5).map(function (e) {
          return 'line ' + e.line + ' ' + e.column + ": '" + e.value + "' expected " + e.expected;
        }).join(' | ');
      }
    }
    throw new Error('Cuesheet refused the upload (HTTP ' + status + '): ' + detail);
  }
  var summary = result;
  if (!summary || typeof summary.rows_total !== 'number') {
    throw new Error('Unexpected answer from Cuesheet (HTTP ' + status + '): ' + body.substring(0, 500));
  }
  Logger.log('Imported %s rows: %s inserted, %s updated, %s unchanged (import %s)',
      summary.rows_total, summary.inserted, summary.updated, summary.unchanged, summary.import_id);
}

/** The sheet's values as RFC 4180 CSV: every row, CRLF line ends, fields quoted when needed. */
function sheetToCsv(sheet) {
  var range = sheet.getDataRange();
  // Display values keep what the sheet shows (dates as typed); format the day column as
  // yyyy-mm-dd (Format → Number → Custom) so it exports as 2026-11-24.
  var values = range.getDisplayValues();
  return values
      .filter(function (row) { return row.join('') !== ''; })  // drop empty rows
      .map(function (row) { return row.map(csvField).join(','); })
      .join('\r\n') + '\r\n';
}

/** One field, quoted if it holds a comma, a quote or a line break; quotes inside are doubled. */
function csvField(value) {
  var text = String(value);
  if (/[",\r\n]/.test(text)) {
    return '"' + text.replace(/"/g, '""') + '"';
  }
  return text;
}

/** Creates the daily trigger (06:00 in the script's time zone), replacing any earlier one. */
function installDailyTrigger() {
  ScriptApp.getProjectTriggers().forEach(function (trigger) {
    if (trigger.getHandlerFunction() === 'pushMetricsDaily') {
      ScriptApp.deleteTrigger(trigger);
    }
  });
  ScriptApp.newTrigger('pushMetricsDaily').timeBased().everyDays(1).atHour(6).create();
}
