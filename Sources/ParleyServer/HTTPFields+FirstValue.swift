import HTTPTypes

extension HTTPFields {
    /// The value of the first field named `name`, for headers that hold one value (Content-Type,
    /// Content-Length, Origin, Authorization). Unlike the `name` subscript, which joins every
    /// field of that name through an unspecialised lazy sequence, it only scans the fields: the
    /// request path reads these headers on every request.
    func firstValue(_ name: HTTPField.Name) -> String? {
        first { $0.name == name }?.value
    }
}
