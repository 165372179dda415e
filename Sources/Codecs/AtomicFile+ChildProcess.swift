extension AtomicFile {
    /// The temporary file beside the target, for a program that writes the output itself (ffmpeg):
    /// it writes there, and `commit()` renames the finished file into place as for any other output.
    /// nil when the target is a device or FIFO written directly (`isStream`).
    package var temporaryFilePath: String? { temporaryPath }
}
