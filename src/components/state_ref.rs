//! The app's state as components receive it, compared by identity.
//!
//! Yew compares a component's props before re-rendering it. `Rc<State>`'s equality compares the
//! states' values — every stored annotation, thousands of them — for every component holding
//! it, on every render. Each change makes a new state, so identity says the same at no cost.

use std::ops::Deref;
use std::rc::Rc;

use yew::html::IntoPropValue;

use crate::state::State;

#[derive(Clone, Debug)]
pub struct StateRef(pub Rc<State>);

impl PartialEq for StateRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for StateRef {
    type Target = State;
    fn deref(&self) -> &State {
        &self.0
    }
}

impl IntoPropValue<StateRef> for Rc<State> {
    fn into_prop_value(self) -> StateRef {
        StateRef(self)
    }
}
