#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A guest path resolved beneath a directory descriptor: the host directory that holds its last
/// component, and that component's name (one component: never "/" or "..").
///
/// Resolution never leaves the starting directory: absolute paths, ".." above the start and
/// symbolic links to absolute paths are refused with ENOTCAPABLE. Each directory on the way is
/// opened with O_NOFOLLOW, and symbolic links are expanded here (at most 40), so a link swapped
/// in meanwhile cannot lead outside either. Operations on the result use the *at system calls
/// with `parent` and `name`, without following a final symbolic link.
final class ResolvedPath {
    /// The host directory holding the last component (valid while this object lives).
    let parent: Int32
    /// The last component; "." when the path names the directory itself.
    let name: String
    /// The path ended in "/": it must name a directory.
    let trailingSlash: Bool
    private let owned: [Int32]

    fileprivate init(parent: Int32, name: String, trailingSlash: Bool, owned: [Int32]) {
        self.parent = parent
        self.name = name
        self.trailingSlash = trailingSlash
        self.owned = owned
    }

    deinit { owned.forEach(HostIO.close) }
}

enum PathResolver {
    static let maxSymlinkExpansions = 40

    #if os(Linux)
    /// O_PATH: a descriptor only for naming a directory (needs no read permission on it).
    private static let searchOnly: Int32 = 0o10000000
    #else
    private static let searchOnly: Int32 = O_RDONLY
    #endif

    /// Resolves `path` beneath the directory `base`. A final symbolic link is expanded only if
    /// `followFinal`.
    static func resolve(in base: Int32, _ path: [UInt8], followFinal: Bool) throws(WASIErrno) -> ResolvedPath {
        guard !path.isEmpty else { throw .noent }
        guard !path.contains(0) else { throw .inval }
        guard path.first != UInt8(ascii: "/") else { throw .notcapable }
        let trailingSlash = path.last == UInt8(ascii: "/")

        var opened: [Int32] = []  // directories entered below `base`, innermost last
        var pending = components(path).reversed() as [[UInt8]]
        var expansions = 0
        var success = false
        defer { if !success { opened.forEach(HostIO.close) } }

        func expand(_ target: [UInt8]) throws(WASIErrno) {
            expansions += 1
            guard expansions <= maxSymlinkExpansions else { throw .loop }
            guard target.first != UInt8(ascii: "/") else { throw .notcapable }
            pending.append(contentsOf: components(target).reversed())
        }

        while let component = pending.popLast() {
            let current = opened.last ?? base
            let isLast = pending.isEmpty
            if component == [UInt8(ascii: ".")] {
                if isLast { break }
                continue
            }
            if component == [UInt8(ascii: "."), UInt8(ascii: ".")] {
                guard let top = opened.popLast() else { throw .notcapable }
                HostIO.close(top)
                if isLast { break }
                continue
            }
            let name = String(decoding: component, as: UTF8.self)
            if isLast {
                if followFinal || trailingSlash, let target = readLink(current, name) {
                    try expand(target)
                    continue
                }
                success = true
                return ResolvedPath(parent: current, name: name, trailingSlash: trailingSlash, owned: opened)
            }
            let fd = openat(current, name, searchOnly | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if fd >= 0 {
                opened.append(fd)
                continue
            }
            let error = errno
            if error == ELOOP || error == ENOTDIR || error == EMLINK, let target = readLink(current, name) {
                try expand(target)
                continue
            }
            throw WASIErrno(hostErrno: error)
        }
        // The path ended in "." or "..": it names the directory reached.
        success = true
        return ResolvedPath(parent: opened.last ?? base, name: ".", trailingSlash: trailingSlash, owned: opened)
    }

    /// The non-empty components of a path ("a//b/" → ["a", "b"]).
    static func components(_ path: [UInt8]) -> [[UInt8]] {
        path.split(separator: UInt8(ascii: "/")).map(Array.init)
    }

    /// The target of the symbolic link `name` in `directory`, or nil if it is not one.
    static func readLink(_ directory: Int32, _ name: String) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { b in
            readlinkat(directory, name, b.baseAddress!.assumingMemoryBound(to: CChar.self), b.count)
        }
        guard n >= 0 else { return nil }
        return Array(buffer[0 ..< n])
    }
}
