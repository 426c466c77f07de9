//! A reading position in a short text whose fields are read a byte at a time: a slashed time
//! (`9:05` and `21:05`, fields without fixed places) and a workbook's cell as Excel writes it.
//! Each runs millions of times for a large export, so each field is one loop, not a chain of
//! iterators and parses.

pub(crate) struct Cursor<'a> {
    pub b: &'a [u8],
    pub at: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(b: &'a [u8]) -> Cursor<'a> {
        Cursor { b, at: 0 }
    }

    pub fn next(&mut self) -> Option<u8> {
        let c = *self.b.get(self.at)?;
        self.at += 1;
        Some(c)
    }

    /// The next byte, if `wanted` admits it; read past.
    pub fn next_if(&mut self, wanted: impl Fn(u8) -> bool) -> Option<u8> {
        let c = *self.b.get(self.at).filter(|&&c| wanted(c))?;
        self.at += 1;
        Some(c)
    }

    /// Steps over `wanted` if it comes next.
    pub fn take(&mut self, wanted: u8) -> Option<()> {
        (self.b.get(self.at) == Some(&wanted)).then(|| self.at += 1)
    }

    /// Steps over the bytes `wanted` if they come next.
    pub fn literal(&mut self, wanted: &[u8]) -> Option<()> {
        let found = self.b.get(self.at..self.at + wanted.len())?;
        (found == wanted).then(|| self.at += wanted.len())
    }

    /// The next `min` to `max` ASCII digits (as many as there are, up to `max`), as a number.
    pub fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let rest = self.b.get(self.at..)?;
        let digits = rest.iter().take(max).take_while(|c| c.is_ascii_digit());
        let (count, value) = digits.fold((0, 0), |(count, value), &c| (count + 1, value * 10 + u32::from(c - b'0')));
        self.at += count;
        (count >= min).then_some(value)
    }
}
