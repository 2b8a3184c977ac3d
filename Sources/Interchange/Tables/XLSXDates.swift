import Foundation

/// Date and time cells of a workbook. XLSX stores them as serial numbers (days since 1899-12-30, or since
/// 1904-01-01 in the 1904 date system) whose cell style has a date or time number format; read as plain numbers
/// a "due date" column would arrive as 45678. These become ISO 8601 text: `2025-01-20`, `2025-01-20T08:30:00`,
/// or `08:30:00` for a time-only format.
struct XLSXDates {
    enum Kind { case date, dateTime, time }

    /// Cell style index (`s` of a cell) → what its number format shows.
    var styles: [Int: Kind] = [:]
    var uses1904 = false

    /// From `xl/styles.xml`: the built-in date formats by id and custom formats by their code, for each cell
    /// format (`cellXfs/xf`, in order — the index a cell's `s` names).
    init(styles elements: [XLSXTable.Element], workbook: [XLSXTable.Element]) {
        uses1904 = workbook.contains { $0.name == "workbookPr" && ["1", "true"].contains($0.attributes["date1904"] ?? "") }
        var custom: [Int: Kind] = [:]
        var inCellFormats = false
        var index = 0
        for element in elements {
            switch element.name {
            case "numFmt":
                if let id = element.attributes["numFmtId"].flatMap(Int.init), let kind = Self.kind(code: element.attributes["formatCode"] ?? "") {
                    custom[id] = kind
                }
            case "cellXfs": inCellFormats = true
            case "cellStyles", "dxfs", "tableStyles", "colors", "extLst", "cellStyleXfs": inCellFormats = false
            case "xf" where inCellFormats:
                if let id = element.attributes["numFmtId"].flatMap(Int.init), let kind = custom[id] ?? Self.builtIn(id) { styles[index] = kind }
                index += 1
            default: break
            }
        }
    }

    /// Built-in number formats that show dates or times (ECMA-376 §18.8.30, with the East Asian date formats).
    static func builtIn(_ id: Int) -> Kind? {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: .date
        case 22: .dateTime
        case 18...21, 32, 33, 45...47: .time
        default: nil
        }
    }

    /// A custom format's kind from its code, ignoring quoted text, escapes and bracketed parts (colours, locales).
    static func kind(code: String) -> Kind? {
        var plain = ""
        var quoted = false
        var bracket = false
        var escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default: if !quoted && !bracket { plain.append(character) }
            }
        }
        let hasDate = plain.contains("y") || plain.contains("d")
        let hasTime = plain.contains("h") || plain.contains("s")
        if hasDate { return hasTime ? .dateTime : .date }
        return hasTime ? .time : nil
    }

    /// The cell's text: ISO 8601 for a date-styled number, the number itself otherwise.
    func text(_ value: String, style: Int?) -> String {
        guard let style, let kind = styles[style], let serial = Double(value), serial.isFinite, serial >= 0, serial < 2_958_466 else {
            return value
        }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds == 86_400 { days += 1; seconds = 0 }
        // The 1900 system counts a 29 February 1900 that never was (Lotus compatibility, serial 60): from 61 on,
        // 1899-12-30 as day 0 absorbs it; before it, day 1 is 1 January 1900.
        let timeOnly = days == 0
        if !uses1904 && days < 60 { days += 1 }
        let epoch = uses1904 ? DateComponents(year: 1904, month: 1, day: 1) : DateComponents(year: 1899, month: 12, day: 30)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: epoch), let day = calendar.date(byAdding: .day, value: days, to: start) else { return value }
        let date = calendar.dateComponents([.year, .month, .day], from: day)
        let dateText = String(format: "%04d-%02d-%02d", date.year ?? 0, date.month ?? 0, date.day ?? 0)
        let timeText = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        switch kind {
        case .date: return seconds == 0 ? dateText : dateText + "T" + timeText
        case .dateTime: return dateText + "T" + timeText
        case .time: return timeOnly ? timeText : dateText + "T" + timeText
        }
    }
}
