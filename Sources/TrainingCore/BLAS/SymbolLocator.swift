import Foundation

/// Finds which shared object a C symbol resolves to in this process.
///
/// glibc's `dladdr` is hidden behind `_GNU_SOURCE`, which Swift's Glibc module does not
/// define, so this looks the address up in the process's memory map instead.
enum SymbolLocator {
    static func libraryPath(ofSymbol symbol: String) -> String? {
        // A null file name opens the global scope, searched in load order as the
        // dynamic linker resolves symbols.
        guard let handle = dlopen(nil, RTLD_NOW),
              let address = dlsym(handle, symbol) else { return nil }
        let target = UInt(bitPattern: address)
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return nil }
        for line in maps.split(separator: "\n") {
            // "start-end perms offset dev inode path"
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6 else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2,
                  let start = UInt(range[0], radix: 16),
                  let end = UInt(range[1], radix: 16),
                  start <= target, target < end else { continue }
            return fields[5...].joined(separator: " ")
        }
        return nil
    }
}
