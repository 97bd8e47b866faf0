fn main() {
    annotator::run();
}
