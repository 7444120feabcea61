import Foundation

/// The time of a turn written for `{date}` (docs/minds-reference.md#values), in UTC with English
/// names.
enum DateText {
    /// `{date}`'s format: `Mon Dec  7 08:59:41 2026`.
    static let defaultFormat = "%a %b %e %H:%M:%S %Y"

    private static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// `date` written with a strftime format: %a %A %b %B %d %e %H %I %j %m %M %p %S %y %Y %Z %%;
    /// other characters as they are.
    static func format(_ date: Date, _ format: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let year = parts.year ?? 1970, month = parts.month ?? 1, day = parts.day ?? 1
        let hour = parts.hour ?? 0, minute = parts.minute ?? 0, second = parts.second ?? 0
        let weekday = (parts.weekday ?? 1) - 1
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
        var output = ""
        var percent = false
        for character in format {
            guard percent else {
                if character == "%" { percent = true } else { output.append(character) }
                continue
            }
            percent = false
            switch character {
            case "a": output += days[weekday].prefix(3)
            case "A": output += days[weekday]
            case "b": output += months[month - 1].prefix(3)
            case "B": output += months[month - 1]
            case "d": output += two(day)
            case "e": output += day < 10 ? " \(day)" : String(day)
            case "H": output += two(hour)
            case "I": output += two(hour % 12 == 0 ? 12 : hour % 12)
            case "j":
                let dayOfYear = calendar.ordinality(of: .day, in: .year, for: date) ?? 1
                output += String(repeating: "0", count: max(0, 3 - String(dayOfYear).count)) + String(dayOfYear)
            case "m": output += two(month)
            case "M": output += two(minute)
            case "p": output += hour < 12 ? "AM" : "PM"
            case "S": output += two(second)
            case "y": output += two(year % 100)
            case "Y": output += String(year)
            case "Z": output += "UTC"
            case "%": output += "%"
            default: output += "%" + String(character)
            }
        }
        if percent { output += "%" }
        return output
    }
}
