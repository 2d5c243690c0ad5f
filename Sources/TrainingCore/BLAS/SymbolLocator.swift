import Foundation

/// Finds which shared object a C symbol resolves to in this process.
///
/// glibc's `dladdr` is hidden behind `_GNU_SOURCE`, which Swift's Glibc module does not
/// define, so this looks the address up in the process's memory map instead.
enum SymbolLocator {
    static func libraryPath(ofSymbol symbol: String) -> String? {
        // A null file name opens the global scope, searched in load order as the
        // dynamic linker resolves symbols.
        guard let global = dlopen(nil, RTLD_NOW),
              let address = dlsym(global, symbol) else { return nil }
        let target = UInt(bitPattern: address)
        // /proc files report size 0, and String(contentsOfFile:) stops after one read of
        // about 4 KB, so read to the end explicitly.
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/maps") else { return nil }
        defer { try? handle.close() }
        let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
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
