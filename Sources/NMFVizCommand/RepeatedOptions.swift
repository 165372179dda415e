import ArgumentParser
import Foundation

/// Options that take one value may be given once: ArgumentParser keeps the last of `--compare mu,hals
/// --compare rank=2,3`, which silently draws something other than what the first one asked for.
///
/// The options of each command and whether they repeat come from ArgumentParser's own description
/// of the command (`_dumpHelp()`, the JSON behind `--experimental-dump-help`), so a new option is
/// covered without a list to keep in step. The check runs only on arguments the parser accepted, so
/// every option that takes a value is followed by it (or has it after `=`).
enum RepeatedOptions {
    /// The one-line complaint about the first single-valued option given twice in `arguments`, or nil.
    static func complaint(_ arguments: [String]) -> String? {
        guard let root = commandInfo(NMFViz.self) else { return nil }
        var command = root
        var rest = arguments[...]
        // The subcommand named first, else the default one (render; the JSON does not say which it is).
        if let first = rest.first, let sub = subcommand(named: first, of: command) {
            command = sub
            rest = rest.dropFirst()
        } else if let name = NMFViz.configuration.defaultSubcommand?._commandName,
                  let sub = subcommand(named: name, of: command) {
            command = sub
        }
        let options = singleValued(command)
        var seen: [String: String] = [:]
        var index = rest.startIndex
        while index < rest.endIndex {
            let token = rest[index]
            index += 1
            if token == "--" { break }
            let name: String, inlineValue: String?
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                if let eq = body.firstIndex(of: "=") {
                    name = "--" + body[..<eq]
                    inlineValue = String(body[body.index(after: eq)...])
                } else {
                    name = token
                    inlineValue = nil
                }
            } else if token.hasPrefix("-"), token.count == 2 {
                name = token
                inlineValue = nil
            } else {
                continue
            }
            guard let option = options[name] else { continue }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < rest.endIndex {
                value = rest[index]
                index += 1
            } else {
                value = ""
            }
            guard !option.repeats else { continue }
            if let earlier = seen[option.preferred] {
                return "\(option.preferred) was given twice ('\(earlier)' and '\(value)'); give it once"
            }
            seen[option.preferred] = value
        }
        return nil
    }

    /// What the scan needs to know of one option.
    struct Option {
        /// The name the complaint uses, e.g. `--compare`.
        var preferred: String
        /// Whether the option is an array that may be given again.
        var repeats: Bool
    }

    /// The options (kind "option": they take a value) of `command` by each of their spellings.
    static func singleValued(_ command: [String: Any]) -> [String: Option] {
        var names: [String: Option] = [:]
        for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option" {
            let spellings = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                guard let text = name["name"] as? String else { return nil }
                return (name["kind"] as? String == "short" ? "-" : "--") + text
            }
            guard let preferred = spellings.first(where: { $0.hasPrefix("--") }) ?? spellings.first else { continue }
            let option = Option(preferred: preferred, repeats: argument["isRepeating"] as? Bool ?? false)
            for spelling in spellings { names[spelling] = option }
        }
        return names
    }

    static func subcommand(named name: String, of command: [String: Any]) -> [String: Any]? {
        (command["subcommands"] as? [[String: Any]])?.first { $0["commandName"] as? String == name }
    }

    static func commandInfo(_ type: any ParsableCommand.Type) -> [String: Any]? {
        guard let data = type._dumpHelp().data(using: .utf8),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return json["command"] as? [String: Any]
    }
}
