{ a: 1, b: self.a + 1, f(x):: std.type(x), file: std.thisFile }
